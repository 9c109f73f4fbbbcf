/// Rules on names across statements: tables, views, materialized views and indexes share one
/// namespace per schema, so two of one name cannot both exist; the second CREATE fails, or with
/// IF NOT EXISTS silently keeps the first.
enum NamespaceRules {
  /// A name defined more than once.
  struct Finding: SQLFinding, Hashable {
    /// The schema-qualified name.
    let name: QualifiedName
    /// What each definition creates, in order.
    let kinds: [String]

    var message: String {
      "\(kinds.count) relations are named \(name) (\(kinds.joined(separator: ", "))); a schema holds one relation of a name"
    }
  }

  static func check(_ definitions: [(name: QualifiedName, kind: String)]) -> [Finding] {
    var kinds: [QualifiedName: [String]] = [:]
    var order: [QualifiedName] = []
    for (name, kind) in definitions {
      if kinds[name] == nil { order.append(name) }
      kinds[name, default: []].append(kind)
    }
    return order.compactMap { name in
      guard let found = kinds[name], found.count > 1 else { return nil }
      return Finding(name: name, kinds: found)
    }
  }
}
