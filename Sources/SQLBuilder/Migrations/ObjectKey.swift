/// An object's identity across versions of the definitions: its kind of namespace and name.
package struct ObjectKey: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  package let value: String
  package init(_ value: String) { self.value = value }

  package init(from decoder: any Decoder) throws {
    value = try decoder.singleValueContainer().decode(String.self)
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
  package var description: String { value }
  package static func < (l: Self, r: Self) -> Bool { l.value < r.value }

  /// A table, view or materialized view: they share one namespace.
  package static func relation(_ name: QualifiedName) -> Self { Self("relation \(name)") }
  /// A function, by name and argument types: overloads are different functions.
  package static func function(_ signature: FunctionSignature) -> Self {
    var writer = SQLWriter()
    return Self("function \(signature.rendered(&writer))")
  }
  package static func extensionNamed(_ name: String) -> Self { Self("extension \(name)") }
  package static func schema(_ name: String) -> Self { Self("schema \(name)") }
  package static func cronJob(_ name: String) -> Self { Self("cron job \(name)") }
  /// A trigger, by name and table: trigger names are unique per table.
  package static func trigger(_ name: String, on table: QualifiedName) -> Self {
    Self("trigger \(name) on \(table)")
  }
  /// A part (an index, a policy, privileges, …) of an object the scripts do not create.
  package static func member(_ member: String, of owner: ObjectKey) -> Self {
    Self("\(member) on \(owner)")
  }
}

/// What kind of object a key names, which decides how a change is applied.
package enum ObjectKind: String, Codable, Sendable {
  /// Dropped and created again when it changes, with the views that read it.
  case view
  case materializedView = "materialized view"
  /// Holds data: a change is applied with `ALTER TABLE`, keeping the rows.
  case table
  /// Holds data computed from other tables: dropped and created again when it changes.
  case derivedTable = "derived table"
  /// Replaced in place, or dropped and created when its parameters or result change.
  case function
  /// Scheduled again by name.
  case cronJob = "cron job"
  /// Replaced in place (`CREATE OR REPLACE TRIGGER`); dropped and created with its function.
  case trigger
  /// A part of an object the scripts do not create (an index, a policy, privileges, a
  /// comment): removed and created again when it changes, removed when no longer defined.
  case member
  /// Created once; a generated migration never drops it.
  case `extension`, schema
}

/// How the statements that remove an object name it.
package enum ObjectName: Codable, Equatable, Sendable {
  case relation(name: QualifiedName)
  case function(signature: FunctionSignature)
  case trigger(name: String, table: QualifiedName)
  case cronJob(name: String)
  /// An extension, a schema, or a part of another's object: removed by its own statements.
  case other(name: String)
}

extension QualifiedName: Codable {
  private enum CodingKeys: String, CodingKey { case schema, name }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      try container.decodeIfPresent(String.self, forKey: .schema),
      try container.decode(String.self, forKey: .name))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(schema, forKey: .schema)
    try container.encode(name, forKey: .name)
  }
}

extension FunctionSignature: Codable {
  private enum CodingKeys: String, CodingKey { case name, argumentTypes }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try container.decode(QualifiedName.self, forKey: .name),
      argumentTypes: try container.decode([String].self, forKey: .argumentTypes))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(argumentTypes, forKey: .argumentTypes)
  }
}
