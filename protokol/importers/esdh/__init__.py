"""ESDH publication packages (Acadre, eDoc, SBSYS) read into the interchange format and stored."""
