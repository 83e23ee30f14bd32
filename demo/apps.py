from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site of `make run`: its content in data/, loaded by `load_demo` on top of `setup`.

    The demo may use every app; no app uses it.
    """

    name = "demo"
