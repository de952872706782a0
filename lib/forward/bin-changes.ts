// How the bins service tells automatic forwarding that a bin's forwardUrl changed or the bin is
// gone. The service runs in Next's route handlers and the forwarder in the capture server; the two
// bundles load separate copies of lib/, so they meet on globalThis (as lib/events/bus.ts does).
// Without a forwarder in the process, the calls do nothing.

export interface ForwardingControl {
  forwardUrlChanged(binId: string, forwardUrl: string | null): void;
  binDeleted(binId: string): void;
}

const slot = globalThis as unknown as { __hookscopeForwarding?: ForwardingControl };

export function setForwardingControl(control: ForwardingControl | undefined): void {
  slot.__hookscopeForwarding = control;
}

export function forwardUrlChanged(binId: string, forwardUrl: string | null): void {
  slot.__hookscopeForwarding?.forwardUrlChanged(binId, forwardUrl);
}

export function binDeleted(binId: string): void {
  slot.__hookscopeForwarding?.binDeleted(binId);
}
