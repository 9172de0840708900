export * from './auth-names.ts';
export * from './boot-layouts.ts';
export * from './enums.ts';
export type * from './envelope.ts';
export * from './interfaces.ts';
export * from './paths.ts';
export * from './profile-names.ts';
export * from './redfish.ts';
export type * from './sim-control.ts';
