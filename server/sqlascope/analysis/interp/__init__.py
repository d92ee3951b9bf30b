"""The interpreter: CFGs, abstract values and state, the evaluator and its effect modules (calls, contexts, frameworks, holders)."""
