"""The nhilint rule pack, shipped as `nhilint.rules`: one module per rule, grouped by family."""
