"""``python -m dualuse.tui``: start the chat."""

from dualuse.tui.app import make_app

if __name__ == "__main__":
    make_app().run()
