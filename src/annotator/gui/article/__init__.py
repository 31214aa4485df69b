"""The article view: the text, its spans painted per visible line, and Qt's UTF-16 offsets."""
