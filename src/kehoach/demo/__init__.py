"""The demo: Ninh Phước district, Plan 19/KH-UBND of 2021, its people and a realistic year of work."""
