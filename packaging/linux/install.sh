#!/bin/sh
# Install the built app for the current user: the program under ~/.local/opt/annotator, the
# command in ~/.local/bin, the desktop entry, icon and AppStream metadata where desktops look.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
id=io.github.annotator.Annotator
rm -rf "$prefix/opt/annotator"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" \
    "$prefix/share/icons/hicolor/scalable/apps" "$prefix/share/metainfo"
cp -r "$here/annotator" "$prefix/opt/annotator"
ln -sf "$prefix/opt/annotator/annotator" "$prefix/bin/annotator"
sed "s|^Exec=annotator|Exec=$prefix/bin/annotator|" "$here/$id.desktop" \
    > "$prefix/share/applications/$id.desktop"
cp "$here/$id.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
cp "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
echo "installed: $prefix/bin/annotator (and Annotator in the desktop's application menu)"
