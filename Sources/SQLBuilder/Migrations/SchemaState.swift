/// The state a sequence of generated migrations produces, committed next to them so the next
/// migration holds only what changed (as drizzle-kit and Atlas keep a snapshot).
public struct SchemaState: Codable, Equatable, Sendable {
  /// The migrations written so far, with a checksum of each file as written.
  public var migrations: [MigrationRecord] = []
  /// The objects they create, in creation order.
  package var objects: [SchemaObjectState] = []
  /// The objects as an earlier GenSQL recorded them (a definition and members' text per key),
  /// until a run with unchanged definitions records them again.
  package var earlierObjects: [EarlierObjectState]? = nil

  /// No migration yet.
  public init() {}

  private enum CodingKeys: String, CodingKey { case migrations, objects }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    migrations = try container.decode([MigrationRecord].self, forKey: .migrations)
    do {
      objects = try container.decode([SchemaObjectState].self, forKey: .objects)
    } catch {
      earlierObjects = try container.decode([EarlierObjectState].self, forKey: .objects)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(migrations, forKey: .migrations)
    try container.encode(objects, forKey: .objects)
  }
}

/// An object as an earlier GenSQL recorded it: its key (a function's without argument types),
/// its definition and its members' text.
package struct EarlierObjectState: Codable, Equatable, Sendable {
  package let key: ObjectKey
  package let definition: String
  package let members: [Member]

  package struct Member: Codable, Equatable, Sendable {
    package let key: String
    package let text: String
  }
}

/// A migration file and the checksum of its text when it was written.
public struct MigrationRecord: Codable, Equatable, Sendable {
  /// The file's name, `<UTC YYYYMMDDHHMMSS>_<name>.sql`.
  public let file: String
  /// ``checksum(_:)`` of its text.
  public let checksum: String

  public init(file: String, checksum: String) {
    self.file = file
    self.checksum = checksum
  }
}

/// One object as the migrations leave it: its identity, kind, dependencies and definition.
package struct SchemaObjectState: Codable, Equatable, Sendable {
  package let key: ObjectKey
  package let kind: ObjectKind
  /// How DROP names it: schema and name, a function's argument types, a trigger's table.
  package let name: ObjectName
  package let dependsOn: [ObjectKey]
  /// The statement that creates it, as rendered.
  package let definition: String
  /// What belongs to it (indexes, policies, comment, privileges), in creation order.
  package let members: [SchemaMemberState]
  /// For a function, what CREATE OR REPLACE cannot change: its parameters and result.
  package var head: String? = nil
  /// For a table, its columns and constraints, which a change alters in place.
  package var table: TableShape? = nil
  /// For a derived table, what fills it again after a migration drops and creates it.
  package var rebuiltBy: String? = nil
  /// For a part of an object the scripts do not create, the statements that remove it.
  package var removal: String? = nil
}

/// A part of an object that can change on its own: an index, a policy, its comment, its
/// privileges, row level security.
package struct SchemaMemberState: Codable, Equatable, Sendable {
  /// `index <name>`, `policy <name>`, `comment`, `privileges`, `statistics`, …
  package let key: String
  /// Its statements as rendered.
  package let text: String
  /// The statements that remove it on its own (`DROP INDEX`, `DROP POLICY`, `REVOKE ALL`, …),
  /// when it can be removed.
  package let removal: String?
  /// Whether its new statements replace the old ones without the removal (a comment).
  package let replacesInPlace: Bool
}

extension SchemaObjectState {
  /// The object's statements: its definition, then its members.
  var fullText: String { ([definition] + members.map(\.text)).joined(separator: "\n\n") }

  /// The statement that removes the object, nil for those a migration never drops.
  func drop(_ behavior: DropBehavior? = nil) -> (any SQLStatement)? {
    switch (kind, name) {
    case (.view, .relation(let name)):
      return Drop(kind: "VIEW", target: .relation(name), behavior: behavior)
    case (.materializedView, .relation(let name)):
      return Drop(kind: "MATERIALIZED VIEW", target: .relation(name), behavior: behavior)
    case (.table, .relation(let name)), (.derivedTable, .relation(let name)):
      return Drop(kind: "TABLE", target: .relation(name), behavior: behavior)
    case (.function, .function(let signature)):
      return Drop(kind: "FUNCTION", target: .function(signature), behavior: behavior)
    case (.trigger, .trigger(let name, let table)):
      return Drop(kind: "TRIGGER", target: .onTable(name, table), behavior: behavior)
    case (.cronJob, .cronJob(let name)):
      return CronUnschedule(name)
    case (.member, _):
      return removal.map(RenderedStatement.init)
    default:
      return nil
    }
  }

  /// For a materialized view, the statement that computes its rows again.
  var refresh: (any SQLStatement)? {
    guard kind == .materializedView, case .relation(let name) = name else { return nil }
    return MaterializedViewRefresh(view: name, concurrently: false)
  }
}

/// Statements kept as rendered in a ``SchemaState``, applied again as they are.
struct RenderedStatement: SQLStatement {
  let text: String
  init(_ text: String) { self.text = text }
  func render(into writer: inout SQLWriter) { writer.line(text) }
}

/// A stable 64-bit FNV-1a checksum of `text`, in hex, to notice a file edited by hand.
public func checksum(_ text: String) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}

extension SchemaObjectState {
  /// This object with `other`'s members: a table a hand-written migration changed, whose
  /// indexes, policies, comment and privileges GenSQL still migrates itself.
  package func keepingMembers(of other: SchemaObjectState) -> SchemaObjectState {
    var copy = SchemaObjectState(
      key: key, kind: kind, name: name, dependsOn: dependsOn, definition: definition,
      members: other.members)
    copy.head = head
    copy.table = table
    copy.rebuiltBy = rebuiltBy
    copy.removal = removal
    return copy
  }
}
