import Glibc
import Synchronization
import YAMLDocument

/// Results the user never receives are a failure, not a success. A write to standard output that
/// fails (a full disk, a closed descriptor, a pipe whose reader left while SIGPIPE is ignored) is
/// remembered, and at exit the run ends with a diagnostic and exit 2 whatever it was about to
/// return, as GNU coreutils' `close_stdout` does.
enum StandardStreams {
    /// The `errno` of the first failed write to standard output; 0 while none has failed.
    private static let failure = Atomic<Int32>(0)

    static func recordFailure(_ code: Int32) {
        _ = failure.compareExchange(expected: 0, desired: code == 0 ? EIO : code, ordering: .relaxed)
    }

    /// Run first. A standard descriptor the caller closed (`>&-`) would be taken by the next file
    /// the run opens, and what was meant for the terminal would land in a report. Each closed one is
    /// taken by `/dev/null` opened the wrong way round, so that every use of it fails (and is then
    /// reported, for standard output).
    static func install() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            // `open` takes the lowest free descriptor: this one, as the lower ones are open by now.
            _ = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
        }
        atexit { StandardStreams.checkAtExit() }
    }

    /// Flushes what was buffered (the commands write standard output through `Terminal`, unbuffered;
    /// the argument parser's help and usage, and the benchmark's tables, go through `print`), and ends the run with exit 2 if any
    /// of standard output was lost. `_exit` inside an exit handler ends the process with that status
    /// at once.
    private static func checkAtExit() {
        if fflush(nil) != 0 { recordFailure(errno) }
        let code = failure.load(ordering: .relaxed)
        guard code != 0 else { return }
        let message = "mupj: error: cannot write to standard output: \(String(cString: strerror(code)))\n"
        _ = OutputFile.writeAll(Array(message.utf8).span, to: STDERR_FILENO)
        _exit(2)
    }

    /// Arguments arrive as bytes, and Swift turns any that are not UTF-8 into U+FFFD: a path with
    /// such bytes would name another file, and an output would be written under another name. The
    /// run is refused instead, naming the argument.
    static func argumentsAreUTF8() -> Bool {
        // `stride`, not `1..<argc`: a program started with no arguments at all (argc 0) is legal.
        for index in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) == nil else {
                continue
            }
            let shown = String(
                decoding: UnsafeRawBufferPointer(start: argument, count: strlen(argument)), as: UTF8.self)
            let message =
                "mupj: error: argument \(index) is not valid UTF-8 (\(shown)); "
                + "mupj reads and writes only paths whose names are UTF-8\n"
            _ = OutputFile.writeAll(Array(message.utf8).span, to: STDERR_FILENO)
            return false
        }
        return true
    }
}
