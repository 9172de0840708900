// The simulator reproduces the golden firmware transcripts (fixtures/transcripts/<profile>/),
// which come from the protocol reference, never from the simulator: status, the headers that
// matter and the body, byte for byte. Each file is one session against a freshly reset BMC.

import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReplay, replayTranscript } from '../fixtures/transcripts/replay.ts';
import { loadTranscripts, type Transcript } from '../fixtures/transcripts/transcript.ts';
import { phosphorRest2018Recording } from '../fixtures/trees/phosphor-rest-2018-recording.ts';
import type { SimulatorOptions } from '../simulator/options.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';

/**
 * The profiles whose transcripts replay, and how the simulator is started for them. The recorded
 * phosphor-rest transcripts ran against a D-Bus stand-in: its tree and timing come along.
 */
const REPLAYED: Record<string, SimulatorOptions> = {
  'bmcweb-2021': { timing: 'instant' },
  'phosphor-rest-2018': { timing: 'realistic', standIn: phosphorRest2018Recording },
  'legacy-2016': { timing: 'realistic' },
  'phosphor-rest-2017': { timing: 'realistic' },
  'bmcweb-2019': { timing: 'realistic' },
  'bmcweb-2024': { timing: 'realistic' },
  'bmcweb-rest-disabled': { timing: 'realistic' },
  'bmcweb-2025': { timing: 'instant' },
  'bmcweb-2024-08': { timing: 'instant' },
  'bmcweb-2026': { timing: 'instant' },
};

const dir = (profile: string) =>
  fileURLToPath(new URL(`../fixtures/transcripts/${profile}/`, import.meta.url));

describe.each(Object.keys(REPLAYED))('golden transcripts of %s', async (profile) => {
  const transcripts: Transcript[] = await loadTranscripts(dir(profile));
  let sim: RunningSimulator;
  let agent: Agent;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, profile, manualClock: true, seed: 11, ...REPLAYED[profile] });
    agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  });
  afterAll(async () => {
    await agent.close();
    await sim.close();
  });

  it('has transcripts', () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  for (const transcript of transcripts) {
    it(transcript.fileName, async () => {
      await sim.control().reset();
      const result = await replayTranscript(sim.url, transcript, {
        dispatcher: agent,
        advance: async (ms) => {
          await sim.control().advance(ms);
        },
      });
      expect(formatReplay(result)).toBe('');
    });
  }
});
