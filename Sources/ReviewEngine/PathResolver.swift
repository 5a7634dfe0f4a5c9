import DocumentSchema
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// One place a path reached in a description.
public struct Reached: Sendable {
    public enum State: Sendable {
        /// A stated fact.
        case known(Value)
        /// The description says it does not know.
        case unknown(Value)
        /// The description does not mention it; `range` is where it would be written.
        case absent
    }

    public var state: State
    /// The full path to this place, with element ids: `channels[payload-fetch].authentication`.
    public var path: String
    public var range: SourceRange
    /// Reached through an element that may or may not refer back (its list is `unknown`, partial
    /// or not written, and does not name the element): the place counts only if that element does
    /// refer.
    /// A test it would fail, or a value it would supply, makes the test unknown; otherwise it is
    /// left aside.
    public var possible = false

    var isAbsent: Bool {
        if case .absent = state { return true }
        return false
    }
}

/// Follows `FieldPath`s through a validated description: lists element by element, references
/// to the element they name, derived fields (`held_by`) to the elements that refer back.
/// Built once per description: the id indexes make every step O(1).
struct PathResolver {
    let root: Value
    /// Counts the places every resolution passes through, for the review's step limit.
    let meter: WorkMeter
    /// Each top-level collection's elements, and their positions by id. Positions rather than
    /// copies of the elements: on a description with 10 000 components the copies were a tenth
    /// of the review's peak memory.
    private var collections: [String: (elements: [Value], positions: [String: Int])] = [:]
    /// Each derived field (a credential's `held_by`), by shape and field name: the collection that
    /// refers back, and for each id the positions of the elements that name it. Built once, so
    /// that following `held_by` does not scan every component for every credential.
    private var inverses: [String: [String: Inverse]] = [:]

    /// One derived field: the collection that refers back, for each id the positions of the
    /// elements that name it, and the positions of those whose list is `unknown`, partial or not
    /// written. Those
    /// may name any id: each is a possible place in every answer, not an element that holds
    /// nothing. Both lists of positions are in ascending order.
    private struct Inverse {
        let collection: String
        var referrers: [String: [Int]] = [:]
        var uncertain: [Int] = []
    }

    init(root: Value, meter: WorkMeter = WorkMeter(limits: .unlimited)) {
        self.root = root
        self.meter = meter
        for field in FrameworkFormat.root.fields {
            guard case .list(.object(let shape), _) = field.shape, shape.idField != nil else { continue }
            let elements = root.object?[field.name]?.list ?? []
            var positions: [String: Int] = [:]
            positions.reserveCapacity(elements.count)
            for (position, element) in elements.enumerated() {
                if let id = element.object?.id { positions[id] = position }
            }
            collections[field.name] = (elements, positions)
        }
        for field in FrameworkFormat.root.fields {
            guard case .list(.object(let shape), _) = field.shape else { continue }
            for inverse in shape.inverses {
                var built = Inverse(collection: inverse.collection)
                var referrers: [String: [Int]] = [:]
                for (position, element) in collection(inverse.collection).enumerated() {
                    // An element that does not say (a component with no `holds`) may refer to any:
                    // the description is silent, not saying "none" (`holds: []` says that).
                    guard let named = element.object?[inverse.field] else {
                        built.uncertain.append(position)
                        continue
                    }
                    if named.isUnknown || named.partial { built.uncertain.append(position) }
                    guard let list = named.list else {
                        if let id = named.string { referrers[id, default: []].append(position) }
                        continue
                    }
                    // An element that names the id twice refers to it once. Its earlier items are
                    // scanned while the list is short; a long one (a component holding thousands
                    // of credentials) would make that quadratic, so its ids go to a set.
                    var seen: Set<String>? = list.count > 16 ? Set(minimumCapacity: list.count) : nil
                    for (index, item) in list.enumerated() {
                        guard let id = item.string else { continue }
                        if seen != nil {
                            guard seen!.insert(id).inserted else { continue }
                        } else if list[..<index].contains(where: { $0.string == id }) {
                            continue
                        }
                        referrers[id, default: []].append(position)
                    }
                }
                built.referrers = referrers
                inverses[shape.name, default: [:]][inverse.name] = built
            }
        }
    }

    /// The path of a top-level collection element, as findings name their subject.
    static func elementPath(_ collection: String, _ id: String) -> String { "\(collection)[\(id)]" }

    func collection(_ name: String) -> [Value] { collections[name]?.elements ?? root.object?[name]?.list ?? [] }

    /// Every place `path` reaches from `subject`, named from `subjectPath`; with `subjectPath`
    /// nil the places are not named (their `path` is empty): a caller that needs only the truth of
    /// a test does not pay for a string per place, and a path through a whole collection reaches
    /// every element of it.
    func resolve(_ path: FieldPath, subject: Value, subjectPath: String?) -> [Reached] {
        resolveThroughObjects(path, subject: subject, subjectPath: subjectPath)
            ?? walk(path, subject: subject, subjectPath: subjectPath)
    }

    /// `resolve` by the general walk, which every path can take: the places reached so far, segment
    /// by segment. (Internal, so that tests hold the short cut to the same answers.)
    func walk(_ path: FieldPath, subject: Value, subjectPath: String?) -> [Reached] {
        let naming = subjectPath != nil
        var current = [Place(value: path.fromRoot ? root : subject, path: path.fromRoot ? "" : subjectPath ?? "")]
        // Reused from segment to segment, and filled in place: a path through a derived field
        // reaches every element that refers back, and arrays per element (and tuples, which the
        // runtime copies without specialization) were most of the cost of following one.
        var expanded: [Place] = []
        var next: [Place] = []
        var finished: [Reached] = []
        // The elements among this segment's places, and among the next one's. Routes that meet
        // again (`held_by.holds.held_by` on pilots that all hold the same proxies) reach the same
        // element under the same name many times over: each is a place once, and the others a
        // step each, so a segment's places stay at most the elements there are, where they
        // multiplied at every derived field (100 pilots sharing 100 proxies: 488 s before the step
        // limit was even looked at).
        var here = Set<ElementKey>()
        var ahead = Set<ElementKey>()
        for segment in path.segments {
            next.removeAll(keepingCapacity: true)
            swap(&here, &ahead)
            ahead.removeAll(keepingCapacity: true)
            // One step from an element: into its field, or to the elements that refer back to it.
            func step(_ element: Value, _ elementPath: String, _ possible: Bool) {
                meter.steps += 1
                if element.isUnknown {
                    finished.append(
                        Reached(state: .unknown(element), path: elementPath, range: element.range, possible: possible))
                    return
                }
                guard case .object(let object) = element.content else { return }
                let childPath = !naming ? "" : elementPath.isEmpty ? segment : elementPath + "." + segment
                if let child = object[segment] {
                    next.append(Place(value: child, path: childPath, possible: possible))
                } else if !appendInverse(
                    of: object, named: segment, naming: naming, possible: possible, into: &next, seen: &ahead)
                {
                    finished.append(Reached(state: .absent, path: childPath, range: element.range, possible: possible))
                }
            }
            for place in current {
                // Stopped where the review passes its step limit (it then keeps nothing): one
                // element's walk can pass through millions of places.
                guard meter.steps <= meter.limits.maxSteps else { return finished }
                switch place.value.content {
                case .list, .reference:
                    expanded.removeAll(keepingCapacity: true)
                    expand(
                        place.value, place.path, naming: naming, possible: place.possible, into: &expanded, seen: &here)
                    for element in expanded {
                        guard meter.steps <= meter.limits.maxSteps else { return finished }
                        step(element.value, element.path, element.possible)
                    }
                default:
                    // Most places are one element already: stepped from where they are.
                    step(place.value, place.path, place.possible)
                }
            }
            swap(&current, &next)
        }
        meter.steps += current.count
        finished.reserveCapacity(finished.count + current.count)
        for place in current {
            let state: Reached.State = place.value.isUnknown ? .unknown(place.value) : .known(place.value)
            finished.append(Reached(state: state, path: place.path, range: place.value.range, possible: place.possible))
        }
        return finished
    }

    /// `resolve` for the common path that meets only objects before its last segment (no list,
    /// reference or derived field on the way): one place at most, followed without the general
    /// walk's arrays of places per segment, and named once, at the end. Nil when the path needs
    /// the general walk; otherwise exactly what the general walk gives.
    func resolveThroughObjects(_ path: FieldPath, subject: Value, subjectPath: String?) -> [Reached]? {
        switch followThroughObjects(path, subject: subject, subjectPath: subjectPath) {
        case .nothing: return []
        case .one(let place): return [place]
        case .needsWalk: return nil
        }
    }

    /// What a path through objects reaches: a place at most, or that the path needs the general walk.
    enum ThroughObjects {
        case nothing
        case one(Reached)
        case needsWalk
    }

    /// `resolveThroughObjects` without an array: a `where` is tried on every element of a
    /// collection, each time for the truth of a test on the one place its path reaches.
    func followThroughObjects(_ path: FieldPath, subject: Value, subjectPath: String?) -> ThroughObjects {
        var value = path.fromRoot ? root : subject
        // The places passed through, counted as the general walk counts them (each place stepped
        // from, and the place reached), and only when this answers: otherwise the walk counts.
        var steps = 0
        // The name of the place after the first `count` segments (empty when places are not named);
        // the whole path, the usual place named, has its dotted form made once per path.
        func named(_ count: Int) -> String {
            guard let subjectPath else { return "" }
            let start = path.fromRoot ? "" : subjectPath
            let rest = count == path.segments.count ? path.dotted : path.segments[..<count].joined(separator: ".")
            return start.isEmpty ? rest : rest.isEmpty ? start : start + "." + rest
        }
        for (index, segment) in path.segments.enumerated() {
            steps += 1
            switch value.content {
            case .list, .reference:
                return .needsWalk
            case .unknown:
                meter.steps += steps
                return .one(Reached(state: .unknown(value), path: named(index), range: value.range))
            case .object(let object):
                if let child = object[segment] {
                    value = child
                } else if object.id != nil, inverses[object.shapeName]?[segment] != nil {
                    return .needsWalk
                } else {
                    meter.steps += steps
                    return .one(Reached(state: .absent, path: named(index + 1), range: value.range))
                }
            default:
                meter.steps += steps
                return .nothing
            }
        }
        meter.steps += steps + 1
        let state: Reached.State = value.isUnknown ? .unknown(value) : .known(value)
        return .one(Reached(state: state, path: named(path.segments.count), range: value.range))
    }

    /// A value reached, and its name (empty when places are not named).
    private struct Place {
        var value: Value
        var path: String
        var possible = false
    }

    /// An element of a top-level collection, reached as a possible place or not: two places with
    /// the same key in a segment are the same place, with the same name. Only the first is kept,
    /// and each other counts as a step (a place passed through).
    private struct ElementKey: Hashable {
        /// Where the element starts in the file: one element, one place (an element pasted by an
        /// alias starts where the alias is). A number, not the collection's name and a position,
        /// which hashed a string for every place a derived field reached.
        var offset: Int
        var possible: Bool
    }

    /// Lists become their elements; references become the element they name.
    private func expand(
        _ value: Value, _ path: String, naming: Bool, possible: Bool, into places: inout [Place],
        seen: inout Set<ElementKey>
    ) {
        switch value.content {
        case .list(let items):
            for (index, item) in items.enumerated() {
                let itemPath = !naming ? "" : item.object?.id.map { "\(path)[\($0)]" } ?? "\(path)[\(index)]"
                expand(item, itemPath, naming: naming, possible: possible, into: &places, seen: &seen)
            }
            // Items not written in a partial list may be there: one gap stands for them, so that a
            // test through the list is unknown where the written items alone would decide it.
            if value.partial {
                var gap = Value(.unknown(reason: "a partial list"), range: value.range)
                gap.annotations = value.annotations
                places.append(Place(value: gap, path: naming ? path + "[…]" : "", possible: possible))
            }
        case .reference(let collection, let id):
            guard let entry = collections[collection], let position = entry.positions[id] else { return }
            let element = entry.elements[position]
            guard seen.insert(ElementKey(offset: element.range.start.offset, possible: possible)).inserted
            else {
                meter.steps += 1
                return
            }
            places.append(
                Place(
                    value: element, path: naming ? Self.elementPath(collection, id) : "",
                    possible: possible))
        default:
            places.append(Place(value: value, path: path, possible: possible))
        }
    }

    /// The elements that refer back to `object` through its derived field `name`, appended to
    /// `places`; false when `name` is not a derived field of it. Elements whose list is unknown,
    /// partial or not written, and does not name `object`, may refer to it all the same: they are appended as
    /// possible places. (`holds: unknown` made a credential held by nobody, and a test on where it
    /// is held false instead of unknown.)
    private func appendInverse(
        of object: ObjectValue, named name: String, naming: Bool, possible: Bool, into places: inout [Place],
        seen: inout Set<ElementKey>
    ) -> Bool {
        guard let id = object.id, let inverse = inverses[object.shapeName]?[name] else { return false }
        let referrers = inverse.referrers[id] ?? []
        let elements = collection(inverse.collection)
        // No `reserveCapacity` here: reserving exactly what one more element needs made the array
        // move, whole, for each element whose referrers it took (quadratic in the places).
        func append(_ position: Int, possible: Bool) {
            guard
                seen.insert(ElementKey(offset: elements[position].range.start.offset, possible: possible)).inserted
            else {
                meter.steps += 1
                return
            }
            let element = elements[position]
            places.append(
                Place(
                    value: element,
                    path: naming ? Self.elementPath(inverse.collection, element.object?.id ?? "?") : "",
                    possible: possible))
        }
        for position in referrers { append(position, possible: possible) }
        // The uncertain ones that do not name it, found by walking both ascending lists together:
        // a search of the referrers for each was quadratic where both are long (850 pilots whose
        // partial lists all name the same 850 proxies).
        var next = 0
        for position in inverse.uncertain {
            while next < referrers.count && referrers[next] < position { next += 1 }
            if next < referrers.count && referrers[next] == position { continue }
            append(position, possible: true)
        }
        return true
    }
}
