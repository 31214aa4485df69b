"""The window's actions and menu bar, made from the action table.

Every action in ``table.ACTIONS`` becomes one ``QAction`` named by its id, added to the window
(so its keys work while the menus are closed or the menu bar is hidden) and placed in its menu
in the table's order. Whoever owns the behaviour binds a handler by id. Actions Qt makes
itself (a dock's show/hide action, the undo stack's Undo and Redo, whose text follows the
stack) take the place of the table's action with ``adopt``: same id, keys and tip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from annotator.gui.actions import table
from annotator.gui.actions.table import MENUS, ActionSpec, MenuSpec


class WindowActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._specs: dict[str, ActionSpec] = {spec.id: spec for spec in table.ACTIONS}
        self._actions: dict[str, QAction] = {}
        self._bound: set[str] = set()
        self._menus: dict[str, QMenu] = {}
        self._in_menu_order: list[str] = []
        groups: dict[tuple[str, int], QActionGroup] = {}
        for spec in self._specs.values():
            action = self._make(spec)
            if spec.exclusive:
                group = groups.get((spec.menu, spec.group))
                if group is None:
                    group = groups[(spec.menu, spec.group)] = QActionGroup(self)
                    group.setExclusive(True)
                group.addAction(action)
            self._actions[spec.id] = action
        for menu in MENUS:
            if not menu.parent:
                self._fill(menu, window.menuBar().addMenu(menu.title))

    # ----- reading --------------------------------------------------------------------------
    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def get(self, action_id: str) -> QAction | None:
        return self._actions.get(action_id)

    def specs(self) -> list[ActionSpec]:
        """Every action's declaration, in the order the menus show them."""
        return [self._specs[action_id] for action_id in self._in_menu_order]

    def unbound(self) -> list[str]:
        """Ids that nothing has bound or adopted: they would do nothing when chosen."""
        return [action_id for action_id in self._in_menu_order if action_id not in self._bound]

    # ----- binding ----------------------------------------------------------------------------
    def bind(self, action_id: str, handler: Callable[[], object]) -> QAction:
        """Run ``handler`` when the action is chosen (menu, key or ``trigger()``)."""
        action = self._actions[action_id]
        action.triggered.connect(lambda _checked=False: handler())
        self._bound.add(action_id)
        return action

    def bind_toggled(self, action_id: str, handler: Callable[[bool], object]) -> QAction:
        """Run ``handler`` with the new state whenever a checkable action is (un)checked."""
        action = self._actions[action_id]
        action.toggled.connect(handler)
        self._bound.add(action_id)
        return action

    def adopt(self, action_id: str, action: QAction) -> QAction:
        """Put ``action`` in the place of the table's action ``action_id``, with its keys
        (as the user has them now) and tip."""
        old = self._actions[action_id]
        action.setObjectName(action_id)
        action.setShortcuts(old.shortcuts())
        action.setStatusTip(old.statusTip())
        action.setToolTip(old.toolTip())
        menu = self._menus[self._specs[action_id].menu]
        menu.insertAction(old, action)
        menu.removeAction(old)
        self.window.removeAction(old)
        self.window.addAction(action)
        old.deleteLater()
        self._actions[action_id] = action
        self._bound.add(action_id)
        return action

    def adopt_dock(self, action_id: str, dock: QDockWidget) -> QAction:
        """The dock's own show/hide action (it knows about tabbed and floating docks)."""
        return self.adopt(action_id, dock.toggleViewAction())

    def adopt_undo_stack(self, stack: QUndoStack) -> None:
        """Undo and Redo from the stack, so their text names the edit ("Undo delete ORG")."""
        undo_text, redo_text = self._specs["edit.undo"].text, self._specs["edit.redo"].text
        self.adopt("edit.undo", stack.createUndoAction(self.window, undo_text))
        self.adopt("edit.redo", stack.createRedoAction(self.window, redo_text))

    # ----- building ---------------------------------------------------------------------------
    def _make(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self.window)
        action.setObjectName(spec.id)
        action.setCheckable(spec.checkable or spec.exclusive)
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        self.window.addAction(action)
        return action

    def _fill(self, spec: MenuSpec, menu: QMenu) -> None:
        """Add the menu's actions and submenus in (group, order, table order)."""
        menu.setToolTipsVisible(True)
        self._menus[spec.id] = menu
        items: list[tuple[int, int, int, ActionSpec | MenuSpec]] = []
        for index, action_spec in enumerate(self._specs.values()):
            if action_spec.menu == spec.id:
                items.append((action_spec.group, action_spec.order, index, action_spec))
        for index, sub in enumerate(MENUS):
            if sub.parent == spec.id:
                items.append((sub.group, sub.order, len(self._specs) + index, sub))
        items.sort(key=lambda item: item[:3])
        previous_group: int | None = None
        for group, _order, _index, item in items:
            if previous_group is not None and group != previous_group:
                menu.addSeparator()
            previous_group = group
            if isinstance(item, MenuSpec):
                self._fill(item, menu.addMenu(item.title))
            else:
                menu.addAction(self._actions[item.id])
                self._in_menu_order.append(item.id)
