"""Arabic text layer: normalisation with offsets, tokens, sentences, numbers, lexicon matching."""
