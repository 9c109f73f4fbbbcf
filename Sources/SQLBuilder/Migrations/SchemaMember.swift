/// How a statement takes part in a schema's objects, for planning migrations: it defines an
/// object, or belongs to one (an index, a policy, a grant, a comment), or lets a migration drop
/// a table, or none of these (a guard, a comment line, a DROP kept for re-applying a script).
package enum SchemaRole: Sendable {
  /// Defines an object.
  case defines(ObjectDefinition)
  /// Belongs to the object `key` as its `member` (statements of one member are applied
  /// together); `removal` removes it on its own, and `replacesInPlace` says its statements
  /// can be applied again over the old ones.
  case belongs(
    to: ObjectKey, member: String, removal: [any SQLStatement], replacesInPlace: Bool)
  /// `DROP TABLE`: the table, no longer defined, may be dropped with its rows.
  case permitsDrop(ObjectKey)
  /// A check every migration with changes runs first (``Precondition``).
  case precondition
  /// Not part of the schema's state.
  case none
}

/// What a statement that creates an object says about it.
package struct ObjectDefinition: Sendable {
  let key: ObjectKey
  let kind: ObjectKind
  let name: ObjectName
  /// The managed objects it reads, which are created before it and dropped after it.
  let dependsOn: [ObjectKey]
  var head: String? = nil
  var table: TableShape? = nil
  var declaredChanges = DeclaredTableChanges()
  /// Column → its declared conversion, rendered.
  var conversions: [String: String] = [:]
  /// The key it had before a declared rename.
  var previousKey: ObjectKey? = nil
  var rebuiltBy: String? = nil
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
    case .function(let signature): return .function(signature)
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
    func read(_ core: SelectCore) {
      for source in core.sources {
        if let query = source.subquery {
          names.formUnion(query.readRelations)
        } else if source.functionCall == nil && !commonTableNames.contains(source.relation) {
          names.insert(source.relation)
        }
      }
      // Subqueries in expressions: EXISTS, IN, ARRAY(…), scalar.
      for node in core.expressions.flatMap(\.deepNodes) {
        switch node {
        case .exists(let inner), .subquery(let inner), .inSubquery(_, let inner): read(inner)
        case .existsQuery(let query): names.formUnion(query.readRelations)
        default: break
        }
      }
    }
    allSelects.forEach(read)
    return names
  }
}

extension CreateMaterializedView: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(
        key: .relation(View.qualifiedName), kind: .materializedView,
        name: .relation(name: View.qualifiedName),
        dependsOn: query.statement.readRelations.map(ObjectKey.relation).sorted()))
  }
}

extension CreateView: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(
        key: .relation(View.qualifiedName), kind: .view, name: .relation(name: View.qualifiedName),
        dependsOn: query.statement.readRelations.map(ObjectKey.relation).sorted()))
  }
}

extension CreateTable: SchemaMember {
  package var schemaRole: SchemaRole {
    var w = SQLWriter()
    let name = Table.qualifiedName
    var columns: [TableShape.Column] = []
    for case let column as any ColumnDefinition in Table.columns {
      columns.append(
        TableShape.Column(
          name: column.name, type: column.typeInfo.name, notNull: !column.typeInfo.isNullable,
          defaultValue: column.defaultValue.map { w.expression($0) }))
    }
    let shape = TableShape(
      unlogged: unlogged, columns: columns,
      constraints: constraints.map {
        TableShape.Constraint(name: $0.name(onTable: name.name), definition: $0.definition(&w))
      })
    var definition = ObjectDefinition(
      key: .relation(name), kind: derivation == nil ? .table : .derivedTable,
      name: .relation(name: name),
      dependsOn: (derivation?.rebuiltWith ?? []).map(ObjectKey.relation))
    definition.table = shape
    definition.declaredChanges = declaredChanges
    definition.conversions = declaredChanges.conversions.mapValues { w.expression($0) }
    definition.previousKey = renamedFrom.map { .relation(QualifiedName(name.schema, $0)) }
    definition.rebuiltBy = derivation?.rebuiltBy
    return .defines(definition)
  }
}

extension CreateFunction: SchemaMember {
  package var schemaRole: SchemaRole {
    let signature = FunctionSignature(name: name, argumentTypes: parameters.map(\.typeName))
    // RETURNS SETOF a relation depends on its row type: the relation cannot be dropped under it.
    var dependsOn: [ObjectKey] = []
    if case .setOf(let relation) = result.kind { dependsOn.append(.relation(relation)) }
    var definition = ObjectDefinition(
      key: .function(signature), kind: .function, name: .function(signature: signature),
      dependsOn: dependsOn)
    var writer = SQLWriter()
    renderHead(into: &writer)
    definition.head = writer.text
    return .defines(definition)
  }
}

extension CronSchedule: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(
        key: .cronJob(jobName), kind: .cronJob, name: .cronJob(name: jobName), dependsOn: []))
  }
}

extension CreateTrigger: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(
        key: .trigger(name, on: Table.qualifiedName), kind: .trigger,
        name: .trigger(name: name, table: Table.qualifiedName),
        dependsOn: [.function(function), .relation(Table.qualifiedName)]))
  }
}

extension CreateExtension: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(
        key: .extensionNamed(name), kind: .extension, name: .other(name: name), dependsOn: []))
  }
}

extension CreateSchema: SchemaMember {
  package var schemaRole: SchemaRole {
    .defines(
      ObjectDefinition(key: .schema(name), kind: .schema, name: .other(name: name), dependsOn: []))
  }
}

extension CreateIndex: SchemaMember {
  package var schemaRole: SchemaRole {
    let index = QualifiedName(Table.qualifiedName.schema, name)
    return .belongs(
      to: .relation(Table.qualifiedName), member: "index \(name)",
      removal: [Drop(kind: "INDEX", target: .relation(index), behavior: nil)],
      replacesInPlace: false)
  }
}

extension CreatePolicy: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(
      to: .relation(Table.qualifiedName), member: "policy \(name)",
      removal: [Drop(kind: "POLICY", target: .onTable(name, Table.qualifiedName), behavior: nil)],
      replacesInPlace: false)
  }
}

extension EnableRowLevelSecurity: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(
      to: .relation(Table.qualifiedName),
      member: forced ? RowLevelSecurityMember.forced : RowLevelSecurityMember.enabled,
      removal: [DisableRowLevelSecurity(Table.self)], replacesInPlace: false)
  }
}

extension Analyze: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(
      to: .relation(Table.qualifiedName), member: "statistics", removal: [],
      replacesInPlace: true)
  }
}

extension CommentOn: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(
      to: target.objectKey, member: "comment",
      removal: [CommentOn(kind: kind, target: target, text: nil)], replacesInPlace: true)
  }
}

extension Grant: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(
      to: target.objectKey, member: "privileges",
      removal: [Revoke(privileges: [.all], target: target, roles: roles)],
      replacesInPlace: false)
  }
}

extension Revoke: SchemaMember {
  package var schemaRole: SchemaRole {
    .belongs(to: target.objectKey, member: "privileges", removal: [], replacesInPlace: false)
  }
}

extension Drop: SchemaMember {
  package var schemaRole: SchemaRole {
    guard kind == "TABLE", case .relation(let name) = target else { return .none }
    return .permitsDrop(.relation(name))
  }
}

/// The member keys of a table's row level security, enabled or also forced on its owner.
enum RowLevelSecurityMember {
  static let enabled = "row level security"
  static let forced = "forced row level security"
}
