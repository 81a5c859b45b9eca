"""Writing notes: the editor with autosave, history, trash, tags and record links."""
