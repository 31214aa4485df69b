"""Every window action's shortcut: defaults, the user's rebinding, conflicts, tooltips.

The registry is built last in the window's constructor, from the live menus: each action
gets a stable ``objectName`` (kept if it has one, else derived from its menu path and text
at start-up, e.g. ``edit.undo``, ``document.status.done``), and the user's choices are read
from QSettings under ``shortcuts/<objectName>`` ("" = deliberately none). A binding that is
already used by another action, or by a key the article view, the find bar or a label
hotkey needs, is refused with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.gui.actions.menu_tools import plain
from annotator.gui.state import Workspace

SETTINGS_GROUP = "shortcuts"
NATIVE = QKeySequence.SequenceFormat.NativeText
PORTABLE = QKeySequence.SequenceFormat.PortableText

# Keys handled by widgets rather than window actions: listed in the cheat sheet and never
# given to an action. (section, keys as written, what they do, sequences to reserve)
FIXED_KEYS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("In the text", "Tab / Shift+Tab", "Select the next / previous span", ("Tab", "Shift+Tab")),
    ("In the text", "Delete / Backspace", "Delete the selected span", ("Del", "Backspace")),
    ("In the text", "Esc", "Clear the span selection; close the find bar", ("Esc",)),
    ("In the text", "R", "Start a relation from the selected span", ()),
    (
        "In the text",
        "Shift+Arrows",
        "Extend the selection by characters / lines",
        ("Shift+Left", "Shift+Right", "Shift+Up", "Shift+Down"),
    ),
    (
        "In the text",
        "Ctrl+Shift+Left / Right",
        "Extend the selection by words",
        ("Ctrl+Shift+Left", "Ctrl+Shift+Right"),
    ),
    ("In the text", "Arrows, Home, End", "Move the caret", ("Left", "Right", "Up", "Down")),
    ("Find bar", "Enter / Shift+Enter", "Next / previous hit", ("Return", "Shift+Return")),
    ("Find bar", "Esc", "Close the bar and clear the hits", ()),
    ("Find bar", "Alt+R / Alt+C / Alt+W", "Regex / match case / whole words", ("Alt+R", "Alt+C")),
    ("Suggestions list", "A / X", "Accept / reject the selected suggestions", ()),
    ("Corpus search", "Enter / double-click", "Open the hit in its document", ()),
)
_FIND_BAR_EXTRA = ("Alt+W",)


def keys_text(sequences: list[QKeySequence] | tuple[QKeySequence, ...]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", plain(text).lower()).strip("_") or "action"


@dataclass
class ShortcutEntry:
    name: str
    section: str
    """The menu path, e.g. "Document ▸ Status"."""
    text: str
    """The action's text at start-up without mnemonics (Undo's text changes later)."""
    action: QAction
    default: tuple[QKeySequence, ...]
    tip: str

    @property
    def path(self) -> str:
        return f"{self.section} ▸ {self.text}"

    def current(self) -> list[QKeySequence]:
        return [s for s in self.action.shortcuts() if not s.isEmpty()]


class ShortcutRegistry(QObject):
    changed = Signal(str)
    """The name of the action whose shortcut changed."""

    def __init__(self, window: QMainWindow, settings: QSettings, workspace: Workspace) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.workspace = workspace
        """Its schema's label hotkeys are keys no action may take."""
        self._entries: dict[str, ShortcutEntry] = {}
        for section, action in _window_actions(window):
            self._register(section, action)
        self._apply_saved()

    # ----- reading --------------------------------------------------------------------------
    def entries(self) -> list[ShortcutEntry]:
        return list(self._entries.values())

    def entry(self, name: str) -> ShortcutEntry:
        return self._entries[name]

    def reserved(self) -> dict[str, str]:
        """Portable key text -> why no action may take it."""
        found: dict[str, str] = {}
        for section, keys, what, sequences in FIXED_KEYS:
            for seq in sequences:
                found[QKeySequence(seq).toString(PORTABLE)] = f"{section}: {what} ({keys})"
        for seq in _FIND_BAR_EXTRA:
            found[QKeySequence(seq).toString(PORTABLE)] = "Find bar: whole words (Alt+W)"
        for top in self.window.menuBar().actions():
            title = top.text()
            mnemonic = title[title.find("&") + 1 : title.find("&") + 2] if "&" in title else ""
            if mnemonic.strip("&"):
                key = QKeySequence(f"Alt+{mnemonic.upper()}").toString(PORTABLE)
                found[key] = f"opens the {plain(title)} menu"
        return found

    def clashes(self) -> list[str]:
        """Keys bound twice, or bound to what a widget or a menu needs (should be empty)."""
        found: list[str] = []
        owner: dict[str, str] = {}
        reserved = self.reserved()
        for entry in self._entries.values():
            for sequence in entry.current():
                key = sequence.toString(PORTABLE)
                if key in owner:
                    found.append(f"{key}: {owner[key]} and {entry.path}")
                elif key in reserved:
                    found.append(f"{key}: {entry.path} and {reserved[key]}")
                owner.setdefault(key, entry.path)
        return found

    def conflict(self, name: str, sequence: QKeySequence) -> str:
        """Why ``name`` may not take ``sequence`` ("" when it may)."""
        if sequence.isEmpty():
            return ""
        text = sequence.toString(NATIVE)
        portable = sequence.toString(PORTABLE)
        if sequence.count() > 1:
            return f"“{text}” is a key chord; use a single key combination"
        combo = sequence[0]  # type: ignore[index]  # QKeySequence.operator[]
        plain_key = not (combo.keyboardModifiers() & _COMMAND_MODIFIERS)
        if plain_key and 0x20 <= combo.key().value < _FIRST_SPECIAL_KEY:
            label = self.workspace.schema.label_for_hotkey(portable.lower()[-1:])
            owner = f" ({label.name})" if label else ""
            return f"“{text}” types a label hotkey in the text{owner}; add Ctrl or Alt"
        why = self.reserved().get(portable)
        if why:
            return f"“{text}” is reserved: {why}"
        for other in self._entries.values():
            if other.name != name and any(s.matches(sequence) == _EXACT for s in other.current()):
                return f"“{text}” is already used by {other.path}; change that one first"
        return ""

    # ----- changing ---------------------------------------------------------------------------
    def assign(self, name: str, sequence: QKeySequence) -> str:
        """Bind ``name`` to ``sequence`` (empty: none) and store it; returns a refusal or ""."""
        reason = self.conflict(name, sequence)
        if reason:
            return reason
        entry = self._entries[name]
        self._set(entry, [sequence] if not sequence.isEmpty() else [])
        self.settings.setValue(f"{SETTINGS_GROUP}/{name}", sequence.toString(PORTABLE))
        self.settings.sync()
        self.changed.emit(name)
        return ""

    def reset(self, name: str) -> str:
        """Back to the default, unless another action has taken that key meanwhile."""
        entry = self._entries[name]
        for sequence in entry.default:
            reason = self.conflict(name, sequence)
            if reason:
                return reason
        self._set(entry, list(entry.default))
        self.settings.remove(f"{SETTINGS_GROUP}/{name}")
        self.settings.sync()
        self.changed.emit(name)
        return ""

    def reset_all(self) -> None:
        for entry in self._entries.values():
            self._set(entry, [])
        for entry in self._entries.values():
            self._set(entry, list(entry.default))
            self.changed.emit(entry.name)
        self.settings.remove(SETTINGS_GROUP)
        self.settings.sync()

    # ----- internals --------------------------------------------------------------------------
    def _register(self, section: str, action: QAction) -> None:
        name = action.objectName()
        if not name:
            name = (
                ".".join(_slug(part) for part in section.split(" ▸ ")) + "." + _slug(action.text())
            )
        base, number = name, 2
        while name in self._entries:
            name, number = f"{base}_{number}", number + 1
        action.setObjectName(name)
        tip = action.statusTip() or plain(action.text())
        default = tuple(s for s in action.shortcuts() if not s.isEmpty())
        entry = ShortcutEntry(name, section, plain(action.text()), action, default, tip)
        self._entries[name] = entry
        if self.window not in action.associatedObjects():
            self.window.addAction(action)  # window-wide, also while the menus are closed
        self._set(entry, list(default))

    def _apply_saved(self) -> None:
        chosen: dict[str, list[QKeySequence]] = {}
        for name in self._entries:
            value = self.settings.value(f"{SETTINGS_GROUP}/{name}")
            if value is None:
                continue
            text = value if isinstance(value, str) else ", ".join(map(str, value))
            chosen[name] = [s for s in QKeySequence.listFromString(text, PORTABLE) if s.count()]
        taken = {s.toString(PORTABLE) for sequences in chosen.values() for s in sequences}
        for name, entry in self._entries.items():
            if name in chosen:
                self._set(entry, chosen[name])
            elif taken:
                # The user's choice wins over a default that came later.
                kept = [s for s in entry.default if s.toString(PORTABLE) not in taken]
                self._set(entry, kept)

    def _set(self, entry: ShortcutEntry, sequences: list[QKeySequence]) -> None:
        entry.action.setShortcuts(sequences)
        keys = keys_text(sequences)
        entry.action.setToolTip(f"{entry.tip} ({keys})" if keys else entry.tip)


_EXACT = QKeySequence.SequenceMatch.ExactMatch
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_FIRST_SPECIAL_KEY = 0x01000000  # Qt::Key_Escape: keys below it are characters


def _window_actions(window: QMainWindow) -> list[tuple[str, QAction]]:
    """(menu path, action) for every action in the menu bar, then window-only actions."""
    found: list[tuple[str, QAction]] = []
    seen: set[QAction] = set()

    def walk(menu: QMenu, path: str) -> None:
        menu.setToolTipsVisible(True)
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {plain(sub.title())}")
            elif not action.isSeparator() and action.text() and action not in seen:
                seen.add(action)
                found.append((path, action))

    for top in window.menuBar().actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, plain(sub.title()))
    for action in window.actions():
        if action.text() and not action.isSeparator() and action not in seen:
            seen.add(action)
            found.append(("Window", action))
    return found
