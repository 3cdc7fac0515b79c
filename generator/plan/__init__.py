"""Plan: choose what each pack holds, adapt it to the school, and compose each lesson's timed slides."""
