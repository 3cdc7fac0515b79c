"""The web page: `lessonpack serve`."""
