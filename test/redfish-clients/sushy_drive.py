#!/usr/bin/python3
"""Drives a Redfish service with Debian's python3-sushy, the library Ironic's redfish hardware
type uses, the way Ironic calls it (redfish.md 1.1-1.4), and prints one JSON line per step with
what sushy reported. The test (redfish-clients.test.ts) judges the lines and the simulator's
state. Credentials come from the environment, never from argv.

Environment: RF_URL, RF_USERNAME, RF_PASSWORD, RF_CA (a PEM file), RF_BOOT_MODE (yes/no).
"""

import json
import os
import sys
import time

import sushy


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def value(v):
    return getattr(v, "value", v)


def wait_power(system, wanted, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        system.refresh()
        state = value(system.power_state)
        if state == wanted or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def boot(system):
    system.refresh()
    b = system.boot
    return {
        "target": value(b.target),
        "enabled": value(b.enabled),
        "mode": value(b.mode),
    }


def main():
    conn = sushy.Sushy(
        os.environ["RF_URL"],
        verify=os.environ["RF_CA"],
        auth=sushy.auth.SessionAuth(os.environ["RF_USERNAME"], os.environ["RF_PASSWORD"]),
    )
    system = conn.get_system()
    emit("identity", id=system.identity, power=value(system.power_state))

    for reset, wanted in (
        (sushy.ResetType.ON, "On"),
        (sushy.ResetType.FORCE_OFF, "Off"),
        (sushy.ResetType.ON, "On"),
        (sushy.ResetType.GRACEFUL_SHUTDOWN, "Off"),
        (sushy.ResetType.ON, "On"),
        (sushy.ResetType.FORCE_RESTART, "On"),
        (sushy.ResetType.GRACEFUL_RESTART, "On"),
        (sushy.ResetType.FORCE_OFF, "Off"),
    ):
        try:
            system.reset_system(reset)
            emit("reset", type=value(reset), power=wait_power(system, wanted))
        except sushy.exceptions.SushyError as exc:
            emit("reset", type=value(reset), error=type(exc).__name__, message=str(exc)[:300])

    # One-time PXE while off, then power on: the host consumes it (Ironic's deploy boot).
    system.set_system_boot_options(
        target=sushy.BootSource.PXE, enabled=sushy.BootSourceOverrideEnabled.ONCE
    )
    emit("pxe-once", boot=boot(system))
    system.reset_system(sushy.ResetType.ON)
    emit("booted", power=wait_power(system, "On"), boot=boot(system))

    system.set_system_boot_options(
        target=sushy.BootSource.HDD, enabled=sushy.BootSourceOverrideEnabled.CONTINUOUS
    )
    emit("disk-persistent", boot=boot(system))

    if os.environ.get("RF_BOOT_MODE") == "yes":
        for mode in (sushy.BootSourceOverrideMode.LEGACY, sushy.BootSourceOverrideMode.UEFI):
            system.set_system_boot_options(mode=mode)
            emit("boot-mode", asked=value(mode), boot=boot(system))

    system.reset_system(sushy.ResetType.NMI)
    emit("nmi")

    # What Sushy.__del__ does: DELETE the session URI the login's Location named.
    conn._auth.close()
    emit("closed")


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # the test reads the line; the exit code says it failed
        emit("fatal", error=type(exc).__name__, message=str(exc)[:500])
        sys.exit(1)
