"""OParl 1.1 (read-only, public): `objects` (the OParl JSON of protokol's models), `adapters` (pages of
rows as objects), `pagination` (filters, stable pages, tombstones, the JSON/CORS answers), `views` and
`urls` (mounted at /oparl/v1/)."""
