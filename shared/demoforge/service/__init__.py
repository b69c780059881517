"""The service layer: ports (the small Protocols adapters implement), the phase contract,
the runner that drives a phase under at-least-once delivery, and the job services the
api and CLI share (create, cancel, retry, answer, delete)."""
