/// The objects the scripts define, with the statements that belong to each, as a migration
/// should leave them.
struct DesiredObjects {
  private(set) var states: [SchemaObjectState] = []
  /// What each definition says beyond its state: a table's renames, drops and conversions.
  private(set) var definitions: [ObjectKey: ObjectDefinition] = [:]
  /// The tables a `DROP TABLE` in the scripts lets a migration drop with their rows.
  private(set) var droppable: Set<ObjectKey> = []
  /// The checks every migration with changes runs before them.
  private(set) var preconditions: [any SQLStatement] = []

  private struct Member {
    let key: String
    var statements: [any SQLStatement]
    var removal: [any SQLStatement]
    let replacesInPlace: Bool
  }

  init(_ scripts: [SQLScript]) throws(SQLGenerationError) {
    let diagnostics = validate(scripts)
    guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }
    var roles: [(SchemaRole, any SQLStatement)] = []
    func visit(_ statement: any SQLStatement) {
      if let transaction = statement as? Transaction {
        return transaction.statements.forEach(visit)
      }
      if let member = statement as? any SchemaMember {
        roles.append((member.schemaRole, statement))
      }
    }
    for script in scripts { script.statements.forEach(visit) }

    var order: [ObjectKey] = []
    var primary: [ObjectKey: any SQLStatement] = [:]
    for case (.defines(let definition), let statement) in roles {
      if definitions[definition.key] == nil { order.append(definition.key) }
      definitions[definition.key] = definition
      primary[definition.key] = statement
    }
    // Members, in order, of the objects defined here and of others' objects. A part with a
    // removal of an object the scripts do not create (an index or a policy on the team's
    // table, its privileges) is an object of its own; one without is created once.
    var members: [ObjectKey: [Member]] = [:]
    var ownerless: [ObjectKey] = []
    for (role, statement) in roles {
      switch role {
      case .belongs(let owner, let name, let removal, let replacesInPlace):
        if definitions[owner] == nil && members[owner] == nil { ownerless.append(owner) }
        if let index = members[owner]?.firstIndex(where: { $0.key == name }) {
          members[owner]?[index].statements.append(statement)
          members[owner]?[index].removal += removal
        } else {
          members[owner, default: []].append(
            Member(
              key: name, statements: [statement], removal: removal,
              replacesInPlace: replacesInPlace))
        }
      case .permitsDrop(let key): droppable.insert(key)
      case .precondition: preconditions.append(statement)
      case .defines, .none: break
      }
    }
    preconditions = Self.unique(preconditions)
    let managed = Set(order)
    for key in order {
      guard let definition = definitions[key], let statement = primary[key] else { continue }
      var state = SchemaObjectState(
        key: key, kind: definition.kind, name: definition.name,
        dependsOn: definition.dependsOn.filter(managed.contains),
        definition: Self.text([statement]),
        members: (members[key] ?? []).map {
          SchemaMemberState(
            key: $0.key, text: Self.text($0.statements),
            removal: $0.removal.isEmpty ? nil : Self.text($0.removal),
            replacesInPlace: $0.replacesInPlace)
        })
      state.head = definition.head
      state.table = definition.table
      state.rebuiltBy = definition.rebuiltBy
      states.append(state)
    }
    for owner in ownerless {
      for member in members[owner] ?? [] {
        let text = Self.text(member.statements)
        guard !member.removal.isEmpty else {
          let key = ObjectKey("statement \(text)")
          states.append(
            SchemaObjectState(
              key: key, kind: .schema, name: .other(name: key.value), dependsOn: [],
              definition: text,
              members: []))
          continue
        }
        let key = ObjectKey.member(member.key, of: owner)
        var state = SchemaObjectState(
          key: key, kind: .member, name: .other(name: key.value), dependsOn: [], definition: text,
          members: [])
        state.removal = Self.text(member.removal)
        states.append(state)
      }
    }
  }

  /// Statements as rendered, without the blank lines around them.
  private static func text(_ statements: [any SQLStatement]) -> String {
    var writer = SQLWriter()
    writer.statements(Self.unique(statements))
    return writer.text.trimmingCharacters(in: .newlines)
  }

  /// The statements with repeated renderings left out (two grants' removals that are one).
  private static func unique(_ statements: [any SQLStatement]) -> [any SQLStatement] {
    var seen = Set<String>()
    return statements.filter { statement in
      var writer = SQLWriter()
      statement.render(into: &writer)
      return seen.insert(writer.text).inserted
    }
  }
}
