/// How a statement takes part in a schema's objects, for planning migrations: it defines an
/// object, or belongs to one (an index, a grant, a comment), or neither (a DROP kept for
/// re-applying a script, a guard, a comment line).
package enum SchemaRole: Sendable {
  /// Defines the object `key`; `dependsOn` names the managed objects it reads.
  case defines(ObjectKey, kind: ObjectKind, dependsOn: [ObjectKey], drop: String)
  /// Belongs to the object `key` as its `member` (statements of one member are applied
  /// together), is created again with it, and is removed by `drop` when it can be on its own.
  case belongs(to: ObjectKey, member: String, drop: String?)
  /// Not part of the schema's state.
  case none
}

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
  /// A function, by name: a changed signature is the same function changed.
  package static func function(_ name: QualifiedName) -> Self { Self("function \(name)") }
  package static func extensionNamed(_ name: String) -> Self { Self("extension \(name)") }
  package static func schema(_ name: String) -> Self { Self("schema \(name)") }
  package static func cronJob(_ name: String) -> Self { Self("cron job \(name)") }
  /// A trigger, by name and table: trigger names are unique per table.
  package static func trigger(_ name: String, on table: QualifiedName) -> Self {
    Self("trigger \(name) on \(table)")
  }
}

/// What kind of object a key names, which decides how a change is applied.
package enum ObjectKind: String, Codable, Sendable {
  /// Dropped and created again when it changes, with the views that read it.
  case view
  case materializedView = "materialized view"
  /// Holds data: a change is not planned automatically.
  case table
  /// Holds data computed from other tables: dropped and created again when it changes.
  case derivedTable = "derived table"
  /// Replaced in place, or dropped and created when its signature or result changes.
  case function
  /// Scheduled again by name.
  case cronJob = "cron job"
  /// Replaced in place (`CREATE OR REPLACE TRIGGER`); dropped and created with its function.
  case trigger
  /// An index on a table the scripts do not create: dropped and created when it changes,
  /// dropped when no longer defined.
  case index
  /// Created once; a generated migration never drops it.
  case `extension`, schema
}

/// A statement that knows its part in the schema's state.
package protocol SchemaMember {
  /// What the statement defines or belongs to.
  var schemaRole: SchemaRole { get }
}

extension PrivilegeTarget {
  var objectKey: ObjectKey {
    switch self {
    case .relation(let name): return .relation(name)
    case .function(let signature): return .function(signature.name)
    case .schema(let name): return .schema(name)
    }
  }
}

extension SelectStatement {
  /// The relations the query reads, CTEs and derived tables included, without the CTEs
  /// themselves.
  var readRelations: Set<QualifiedName> {
    let commonTableNames = Set(allQueries.flatMap { $0.commonTables.map(\.output) })
    var names = Set<QualifiedName>()
    for core in allSelects {
      for source in core.sources {
        if let query = source.subquery {
          names.formUnion(query.readRelations)
        } else if source.functionCall == nil && !commonTableNames.contains(source.relation) {
          names.insert(source.relation)
        }
      }
    }
    return names
  }
}

extension CreateMaterializedView: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    return .defines(
      .relation(View.qualifiedName), kind: .materializedView,
      dependsOn: query.statement.readRelations.map(ObjectKey.relation).sorted(),
      drop: "DROP MATERIALIZED VIEW IF EXISTS \(writer.name(View.qualifiedName));")
  }
}

extension CreateView: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    return .defines(
      .relation(View.qualifiedName), kind: .view,
      dependsOn: query.statement.readRelations.map(ObjectKey.relation).sorted(),
      drop: "DROP VIEW IF EXISTS \(writer.name(View.qualifiedName));")
  }
}

extension CreateTable: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    return .defines(
      .relation(Table.qualifiedName), kind: derived ? .derivedTable : .table,
      dependsOn: rebuiltWith.map(ObjectKey.relation),
      drop: "DROP TABLE IF EXISTS \(writer.name(Table.qualifiedName));")
  }
}

extension CreateFunction: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    let signature = FunctionSignature(
      name: name, argumentTypes: parameters.map(\.typeName)
    ).rendered(&writer)
    // RETURNS SETOF a relation depends on its row type: the relation cannot be dropped under it.
    var dependsOn: [ObjectKey] = []
    if case .setOf(let relation) = result.kind { dependsOn.append(.relation(relation)) }
    return .defines(
      .function(name), kind: .function, dependsOn: dependsOn,
      drop: "DROP FUNCTION IF EXISTS \(signature);")
  }
}

extension CronSchedule: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      .cronJob(jobName), kind: .cronJob, dependsOn: [],
      drop:
        "SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = \(PostgreSQL.stringLiteral(jobName));"
    )
  }
}

extension CreateTrigger: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    return .defines(
      .trigger(name, on: Table.qualifiedName), kind: .trigger,
      dependsOn: [.function(function.name), .relation(Table.qualifiedName)],
      drop:
        "DROP TRIGGER IF EXISTS \(writer.identifier(name)) ON \(writer.name(Table.qualifiedName));")
  }
}

extension CreateExtension: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(.extensionNamed(name), kind: .extension, dependsOn: [], drop: "")
  }
}

extension CreateSchema: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(.schema(name), kind: .schema, dependsOn: [], drop: "")
  }
}

extension CreateIndex: SchemaMember {
  package var schemaRole: SchemaRole {
    var writer = SQLWriter()
    let index = QualifiedName(Table.qualifiedName.schema, name)
    return .belongs(
      to: .relation(Table.qualifiedName), member: "index \(name)",
      drop: "DROP INDEX IF EXISTS \(writer.name(index));")
  }
}

extension Analyze: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: .relation(Table.qualifiedName), member: "statistics", drop: nil)
  }
}

extension CommentOn: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: target.objectKey, member: "comment", drop: nil)
  }
}

extension Grant: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: target.objectKey, member: "privileges", drop: nil)
  }
}

extension Revoke: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: target.objectKey, member: "privileges", drop: nil)
  }
}

extension EnableRowLevelSecurity: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: .relation(Table.qualifiedName), member: "row level security", drop: nil)
  }
}
