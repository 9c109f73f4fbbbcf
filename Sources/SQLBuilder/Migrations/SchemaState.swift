/// The state a sequence of generated migrations produces, committed next to them so the next
/// migration holds only what changed (as drizzle-kit and Atlas keep a snapshot).
public struct SchemaState: Codable, Equatable, Sendable {
  /// The migrations written so far, with a checksum of each file as written.
  public var migrations: [MigrationRecord] = []
  /// The objects they create, in creation order.
  package var objects: [SchemaObjectState] = []

  /// No migration yet.
  public init() {}
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

/// One object as the migrations leave it.
package struct SchemaObjectState: Codable, Equatable, Sendable {
  package let key: ObjectKey
  package let kind: ObjectKind
  package let dependsOn: [ObjectKey]
  /// The statement that removes it.
  package let drop: String
  /// The statement that creates it, as rendered.
  package let definition: String
  /// What belongs to it (indexes, statistics, comment, privileges), in creation order.
  package let members: [SchemaMemberState]
  /// For a function, what CREATE OR REPLACE cannot change: name, parameters and result.
  package let head: String?
}

/// A part of an object that can change on its own: an index, its comment, its privileges.
package struct SchemaMemberState: Codable, Equatable, Sendable {
  /// `index <name>`, `comment`, `privileges`, `statistics`, …
  package let key: String
  /// Its statements as rendered.
  package let text: String
  /// The statement that removes it on its own, when there is one (an index).
  package let drop: String?
}

extension SchemaObjectState {
  /// The object's statements: its definition, then its members.
  var fullText: String { ([definition] + members.map(\.text)).joined(separator: "\n\n") }

  /// For a materialized view, the statement that computes its rows again.
  var refresh: String? {
    let dropPrefix = "DROP MATERIALIZED VIEW IF EXISTS "
    guard kind == .materializedView, drop.hasPrefix(dropPrefix) else { return nil }
    return "REFRESH MATERIALIZED VIEW " + drop.dropFirst(dropPrefix.count)
  }
}

/// A stable 64-bit FNV-1a checksum of `text`, in hex, to notice a file edited by hand.
public func checksum(_ text: String) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}
