"""`python -m netlint`."""

from netlint.replay import entry

if __name__ == "__main__":
    entry()
