"""Pure practice logic (no widgets): drills, rewrite checklists, role-plays, ledgers, step order, safety screens.

The widgets in `trustwork.widgets` are thin views over these classes, so everything here is tested directly.
"""
