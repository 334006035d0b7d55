// A progress line on the terminal for work that takes more than a second (syncing or reading an
// export): one line on stderr, rewritten in place and cleared when done. Nothing when not a TTY.

export interface ProgressLine {
  update(line: string): void;
  done(): void;
}

export function createProgressLine(stream: NodeJS.WriteStream, afterMs = 1000): ProgressLine {
  let latest = "";
  let shown = false;
  let since = 0;
  const draw = () => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[K${latest.slice(0, width)}`);
    shown = true;
  };
  return {
    update(line) {
      if (!stream.isTTY) return;
      latest = line;
      since ||= Date.now();
      if (shown || Date.now() - since >= afterMs) draw();
      else setTimeout(() => latest && !shown && draw(), afterMs).unref();
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
      latest = "";
      shown = false;
      since = 0;
    },
  };
}
