"""Every window action's shortcut: defaults, the user's rebinding, conflicts, tooltips.

The actions and their default keys come from the action table (``table.ACTIONS``); the
user's choices are read from QSettings under ``shortcuts/<id>`` ("" = deliberately none),
where ``<id>`` is the action's stable id. A binding saved under a name the action had before
its id was explicit (``table.FORMER_IDS``) is moved to the id once. A binding that is already
used by another action, or by a key the article view, the find bar or a label hotkey needs,
is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.schema import LabelDef
from annotator.gui.actions.table import FORMER_IDS, MENUS, menu_path, plain
from annotator.gui.actions.window_actions import WindowActions

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
    (
        "Compare Annotators list",
        "A / X / E",
        "Accept into gold / reject / accept and edit the selected reading",
        (),
    ),
    (
        "Compare Annotators list",
        "A label's key, Alt(+Shift)+Left / Right, Enter",
        "While editing: relabel the gold span, move its start (end), finish",
        (),
    ),
    ("Corpus search", "Enter / double-click", "Open the hit in its document", ()),
)
_FIND_BAR_EXTRA = ("Alt+W",)


def keys_text(sequences: list[QKeySequence] | tuple[QKeySequence, ...]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())


@dataclass
class ShortcutEntry:
    name: str
    """The action's stable id."""
    section: str
    """The menu path, e.g. "Document ▸ Status"."""
    text: str
    """The action's text in the table without mnemonics (Undo's text changes later)."""
    actions: WindowActions
    default: tuple[QKeySequence, ...]
    tip: str
    text_keys: str = ""
    """Keys the article view handles itself for this action, e.g. "Delete"."""

    @property
    def action(self) -> QAction:
        """Looked up each time: a dock or the undo stack may have put its own in place."""
        return self.actions[self.name]

    @property
    def path(self) -> str:
        return f"{self.section} ▸ {self.text}"

    def current(self) -> list[QKeySequence]:
        return [s for s in self.action.shortcuts() if not s.isEmpty()]


class ShortcutRegistry(QObject):
    changed = Signal(str)
    """The name of the action whose shortcut changed."""

    def __init__(
        self,
        actions: WindowActions,
        settings: QSettings,
        label_for_hotkey: Callable[[str], LabelDef | None],
    ) -> None:
        super().__init__(actions)
        self.settings = settings
        self.label_for_hotkey = label_for_hotkey
        """The label a plain key types in the text (the schema may change while open)."""
        self._entries: dict[str, ShortcutEntry] = {}
        for spec in actions.specs():
            default = tuple(QKeySequence(key) for key in spec.keys)
            tip = spec.tip or plain(spec.text)
            entry = ShortcutEntry(
                spec.id,
                menu_path(spec.menu),
                plain(spec.text),
                actions,
                default,
                tip,
                spec.text_keys,
            )
            self._entries[spec.id] = entry
            self._set(entry, list(default))
        self._move_former_names()
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
        for menu in MENUS:
            title = menu.title
            mnemonic = title[title.find("&") + 1 : title.find("&") + 2] if "&" in title else ""
            if not menu.parent and mnemonic.strip("&"):
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
            label = self.label_for_hotkey(portable.lower()[-1:])
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
    def _move_former_names(self) -> None:
        """A binding saved under an action's former name is kept under its id (once: the
        former name is removed; a binding already saved under the id wins)."""
        moved = False
        for former, action_id in FORMER_IDS.items():
            key = f"{SETTINGS_GROUP}/{former}"
            if not self.settings.contains(key):
                continue
            if action_id in self._entries and not self.settings.contains(
                f"{SETTINGS_GROUP}/{action_id}"
            ):
                self.settings.setValue(f"{SETTINGS_GROUP}/{action_id}", self.settings.value(key))
            self.settings.remove(key)
            moved = True
        if moved:
            self.settings.sync()

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
