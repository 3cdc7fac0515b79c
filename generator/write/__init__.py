"""Write: stamp files so builds are byte-identical, convert to PDF, and put the pack in its folder."""
