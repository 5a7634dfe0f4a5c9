import CLibYAML

/// Parse and discard: the libyaml event loop alone, the floor a loader on libyaml cannot beat.
/// Here, beside the loader, so that the benchmark (which compares every reader with it) needs no
/// libyaml of its own.
public enum LibYAMLLoop {
    /// The events libyaml parses from `bytes`, up to the end of the stream or its first error.
    public static func events(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return 0 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
            return count
        }
    }
}
