"""Pure rules and models: no discord, no I/O."""
