// WebSocket transport: not implemented yet in this commit (upgrades are refused).
export function attachWebSocket() {}
