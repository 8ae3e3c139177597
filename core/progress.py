"""A long command's progress on a terminal (issue #21): one line rewritten in place when the stream is a TTY, a
plain counter line every `every` items otherwise (a log file or a pipe keeps readable lines)."""
import time


class TerminalProgress:
    def __init__(self, stream, label: str, *, every: int = 1000, interval: float = 0.2):
        self.stream, self.label, self.every, self.interval = stream, label, max(1, every), interval
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.last_shown, self.last_count, self.open_line = 0.0, -1, False

    def __call__(self, done: int, total: int) -> None:
        percent = f"{done * 100 // total}%" if total else "—"
        text = f"{self.label}：{done:,} / {total:,}（{percent}）"
        if self.tty:
            now = time.monotonic()
            if done == total or now - self.last_shown >= self.interval:
                self._write(f"\r{text}", ending="")
                self.last_shown, self.open_line = now, True
        elif done == total or done // self.every != self.last_count // self.every:
            self._line(text)
        self.last_count = done

    def finish(self) -> None:
        """Ends the rewritten line, so the command's summary starts on a line of its own."""
        if self.open_line:
            self._line("")
            self.open_line = False

    def _line(self, text: str) -> None:
        self._write(text, ending="\n")

    def _write(self, text: str, *, ending: str) -> None:
        if hasattr(self.stream, "style_func"):  # Django's OutputWrapper (a command's self.stderr) adds the ending
            self.stream.write(text, ending=ending)
        else:
            self.stream.write(text + ending)
        self.stream.flush()
