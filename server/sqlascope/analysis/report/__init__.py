"""The report layer: issues (what the engine observed, before rules word them) and moving cached issues with their code."""
