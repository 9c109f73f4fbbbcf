/// A table's columns and constraints as the migrations leave them: what `ALTER TABLE`
/// changes in place when the definition changes.
package struct TableShape: Codable, Equatable, Sendable {
  /// Whether the table writes no WAL.
  package var unlogged: Bool
  /// The columns in the order CREATE TABLE declares them.
  package var columns: [Column]
  /// The constraints, by the names PostgreSQL gives them.
  package var constraints: [Constraint]

  /// A column: `name type [NOT NULL] [DEFAULT expression]`.
  package struct Column: Codable, Equatable, Sendable {
    package var name: String
    package var type: String
    package var notNull: Bool
    package var defaultValue: String?
  }

  /// A constraint: its name and its definition after `CONSTRAINT name`.
  package struct Constraint: Codable, Equatable, Sendable {
    package var name: String
    package var definition: String
  }
}

/// What a table's definition says about how its previous version becomes this one, beyond
/// what a diff can see: renames, the columns whose data may go, conversions of types.
package struct DeclaredTableChanges: Sendable {
  /// The table's previous name, in its schema.
  var renamedFrom: String? = nil
  /// New column name → previous name.
  var renamedColumns: [String: String] = [:]
  /// Columns a migration drops, with their data, when the table still has them.
  var droppedColumns: [String] = []
  /// Column → the expression, over the previous value, that computes its new type's value.
  var conversions: [String: SQLNode] = [:]
}

extension TableShape {
  /// The name PostgreSQL gives a constraint CREATE TABLE leaves unnamed, as `ChooseConstraintName`
  /// does: `table_columns_label`, each part shortened in turn to fit 63 bytes.
  static func defaultName(table: String, columns: [String], label: String) -> String {
    let first = Array(table.utf8)
    let second = columns.isEmpty ? nil : Array(columns.joined(separator: "_").utf8)
    let overhead = label.utf8.count + 1 + (second == nil ? 0 : 1)
    let available = 63 - overhead
    var firstCount = first.count
    var secondCount = second?.count ?? 0
    while firstCount + secondCount > available {
      if firstCount > secondCount { firstCount -= 1 } else { secondCount -= 1 }
    }
    func clipped(_ bytes: [UInt8], _ count: Int) -> String {
      var count = count
      // Never cut a character in two.
      while count > 0, count < bytes.count, bytes[count] & 0xC0 == 0x80 { count -= 1 }
      return String(decoding: bytes[..<count], as: UTF8.self)
    }
    var parts = [clipped(first, firstCount)]
    if let second { parts.append(clipped(second, secondCount)) }
    return (parts + [label]).joined(separator: "_")
  }
}

extension TableConstraint {
  /// The constraint's name in PostgreSQL, given or chosen.
  func name(onTable table: String) -> String {
    switch self {
    case .primaryKey: return TableShape.defaultName(table: table, columns: [], label: "pkey")
    case .unique(let columns, _):
      return TableShape.defaultName(table: table, columns: columns, label: "key")
    case .foreignKey(let columns, _, _, _):
      return TableShape.defaultName(table: table, columns: columns, label: "fkey")
    case .check(let name, _): return name
    }
  }

  /// The definition after `CONSTRAINT name`.
  func definition(_ w: inout SQLWriter) -> String {
    switch self {
    case .check(_, let condition): return "CHECK (\(w.expression(condition)))"
    default: return render(&w)
    }
  }
}
