/// `CREATE TABLE name (columns…, constraints…);` from a ``Relation``'s declared columns.
///
/// Each column renders with its type, `NOT NULL` when declared ``NotNull``, and its default;
/// constraints are added in the closure:
/// ```swift
/// CreateTable(Orders.self) { t in
///   t.primaryKey(\.id)
///   t.foreignKey(\.customerID, references: \Customers.id, onDelete: .cascade)
///   t.check("orders_amount_not_negative") { $0.amount >= .constant(0) }
/// }
/// ```
///
/// A change to the table is migrated with `ALTER TABLE`, keeping its rows: new columns are
/// added; a rename, a dropped column and a type conversion are declared in the closure
/// (``TableConstraints/renamed(_:from:)``, ``TableConstraints/dropColumn(_:)``,
/// ``TableConstraints/changeType(_:from:using:)``).
public struct CreateTable<Table: Relation>: SQLStatement {
  let ifNotExists: Bool
  let unlogged: Bool
  let derivation: TableDerivation?
  let renamedFrom: String?
  let constraints: [TableConstraint]
  let declaredChanges: DeclaredTableChanges

  /// Creates `Table`; `ifNotExists` makes applying the statement again a no-op. An `unlogged`
  /// table writes no WAL: it is faster to write, is emptied by crash recovery, and is empty on
  /// replicas and after a point-in-time restore. A `derived` table holds only what can be
  /// computed again: a migration drops and creates it when it changes, as it does a view.
  /// `renamedFrom` is the table's previous name in its schema: a migration renames it.
  public init(
    _ table: Table.Type, ifNotExists: Bool = false, unlogged: Bool = false,
    derived: TableDerivation? = nil, renamedFrom: String? = nil,
    _ constraints: (TableConstraints<Table>) -> Void = { _ in }
  ) {
    self.ifNotExists = ifNotExists
    self.unlogged = unlogged
    self.derivation = derived
    self.renamedFrom = renamedFrom
    let builder = TableConstraints<Table>()
    constraints(builder)
    self.constraints = builder.constraints
    self.declaredChanges = builder.declaredChanges
  }

  public func render(into w: inout SQLWriter) {
    let kind = unlogged ? "CREATE UNLOGGED TABLE" : "CREATE TABLE"
    let head = ifNotExists ? kind + " IF NOT EXISTS" : kind
    w.line("\(head) \(w.name(Table.qualifiedName)) (")
    var lines: [String] = []
    for case let column as any ColumnDefinition in Table.columns {
      var text = "\(w.identifier(column.name)) \(w.typeName(column.typeInfo.name))"
      if !column.typeInfo.isNullable { text += " NOT NULL" }
      if let value = column.defaultValue { text += " DEFAULT \(w.expression(value))" }
      lines.append(text)
    }
    lines += constraints.map { $0.render(&w) }
    w.indented { inner in
      for (index, line) in lines.enumerated() {
        inner.line(index == lines.count - 1 ? line : line + ",")
      }
    }
    w.line(");")
  }
}

extension CreateTable: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("table \(Table.qualifiedName)") { v in
      v.name(Table.qualifiedName)
      v.catalogue.defineRelation(Table.qualifiedName, as: "table")
      v.catalogue.uniqueKeys[Table.qualifiedName, default: []] += constraints.compactMap(
        \.uniqueKey)
      for case let column as any ColumnDefinition in Table.columns {
        v.identifier(column.name)
        v.typeName(column.typeInfo.name)
        if let value = column.defaultValue {
          QueryRules.check(constant: value, clause: "DEFAULT of \(column.name)", in: &v)
        }
      }
      QueryRules.checkDuplicates(Table.columns.map(\.name), in: &v)
      constraints.forEach { $0.validate(&v) }
      TableChangeRules.check(declaredChanges, renamedFrom: renamedFrom, of: Table.self, in: &v)
    }
  }
}

/// What fills a derived table again after a migration drops and creates it.
public struct TableDerivation: Sendable {
  let rebuiltBy: String
  let rebuiltWith: [QualifiedName]

  /// The table's rows are computed again by `process` (e.g. "the next catch-up"); it is also
  /// dropped and created whenever one of `tables` is.
  public static func rebuiltBy(_ process: String, with tables: [any Relation.Type] = []) -> Self {
    Self(rebuiltBy: process, rebuiltWith: tables.map { $0.qualifiedName })
  }
}

/// What a referencing row becomes when its referenced row is deleted.
public enum ReferentialAction: String, Sendable {
  /// `NO ACTION`: the delete fails (at the end of the statement).
  case noAction = "NO ACTION"
  /// `RESTRICT`: the delete fails at once.
  case restrict = "RESTRICT"
  /// `CASCADE`: the referencing rows are deleted too.
  case cascade = "CASCADE"
  /// `SET NULL`: the referencing columns become NULL.
  case setNull = "SET NULL"
}

/// The constraints of a ``CreateTable``, added in its closure.
public final class TableConstraints<Table: Relation> {
  var constraints: [TableConstraint] = []
  var declaredChanges = DeclaredTableChanges()

  /// Declares that `column` was called `previousName`: a migration renames it, keeping its
  /// values (`ALTER TABLE … RENAME COLUMN previous TO column`).
  public func renamed(_ column: PartialKeyPath<Table>, from previousName: String) {
    declaredChanges.renamedColumns[Table.columnName(column)] = previousName
  }

  /// Declares that column `name`, no longer declared, goes with its values: a migration drops
  /// it while the table has it (`ALTER TABLE … DROP COLUMN name`).
  public func dropColumn(_ name: String) {
    declaredChanges.droppedColumns.append(name)
  }

  /// Declares how `column`'s values of its previous type `Previous` become its declared type:
  /// `ALTER TABLE … ALTER COLUMN column TYPE type USING (conversion)`.
  /// ```swift
  /// t.changeType(\.target, from: PG.Text.self) { old in old.cast(to: PG.Integer.self) }
  /// ```
  public func changeType<Previous: SQLType, B: SQLType, N: Nullability, M: Nullability>(
    _ column: KeyPath<Table, Column<B, N>>, from _: Previous.Type,
    using conversion: (SQLExpression<Previous, Nullable>) -> SQLExpression<B, M>
  ) {
    let name = Table.columnName(column)
    let reference = SourceReference(Table.self, alias: nil)
    let previous = SQLExpression<Previous, Nullable>(
      unchecked: .column(ColumnReference(source: reference, name: name, readAsNotNull: false)))
    declaredChanges.conversions[name] = conversion(previous).node
  }

  /// `PRIMARY KEY (columns…)`.
  public func primaryKey(_ columns: PartialKeyPath<Table>...) {
    constraints.append(.primaryKey(columns.map(Table.columnName)))
  }

  /// `PRIMARY KEY (columns…)` of a list of columns.
  public func primaryKey(_ columns: [PartialKeyPath<Table>]) {
    constraints.append(.primaryKey(columns.map(Table.columnName)))
  }

  /// `UNIQUE [NULLS NOT DISTINCT] (columns…)`.
  public func unique(_ columns: PartialKeyPath<Table>..., nullsNotDistinct: Bool = false) {
    constraints.append(.unique(columns.map(Table.columnName), nullsNotDistinct: nullsNotDistinct))
  }

  /// `FOREIGN KEY (column) REFERENCES other (column) ON DELETE action`; both columns have one
  /// type, or it does not compile.
  public func foreignKey<B: SQLType, N1: Nullability, Other: Relation, N2: Nullability>(
    _ column: KeyPath<Table, Column<B, N1>>, references target: KeyPath<Other, Column<B, N2>>,
    onDelete: ReferentialAction = .noAction
  ) {
    constraints.append(
      .foreignKey(
        [Table.columnName(column)], Other.qualifiedName, [Other.columnName(target)], onDelete))
  }

  /// `FOREIGN KEY (a, b) REFERENCES other (x, y) ON DELETE action`, a two-column key.
  public func foreignKey<
    B1: SQLType, N1: Nullability, B2: SQLType, N2: Nullability, Other: Relation,
    M1: Nullability, M2: Nullability
  >(
    _ first: KeyPath<Table, Column<B1, N1>>, _ second: KeyPath<Table, Column<B2, N2>>,
    references targetFirst: KeyPath<Other, Column<B1, M1>>,
    _ targetSecond: KeyPath<Other, Column<B2, M2>>, onDelete: ReferentialAction = .noAction
  ) {
    constraints.append(
      .foreignKey(
        [Table.columnName(first), Table.columnName(second)], Other.qualifiedName,
        [Other.columnName(targetFirst), Other.columnName(targetSecond)], onDelete))
  }

  /// `CONSTRAINT name CHECK (condition)`; the closure receives the table's columns.
  public func check(
    _ name: String, _ condition: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
  ) {
    constraints.append(.check(name, condition(Source(alias: nil)).node))
  }
}

enum TableConstraint: Sendable {
  case primaryKey([String])
  case unique([String], nullsNotDistinct: Bool)
  case foreignKey([String], QualifiedName, [String], ReferentialAction)
  case check(String, SQLNode)

  func render(_ w: inout SQLWriter) -> String {
    func list(_ names: [String]) -> String {
      names.map { w.identifier($0) }.joined(separator: ", ")
    }
    switch self {
    case .primaryKey(let columns):
      return "PRIMARY KEY (\(list(columns)))"
    case .unique(let columns, let nullsNotDistinct):
      return "UNIQUE\(nullsNotDistinct ? " NULLS NOT DISTINCT" : "") (\(list(columns)))"
    case .foreignKey(let columns, let other, let targets, let action):
      var text = "FOREIGN KEY (\(list(columns))) REFERENCES \(w.name(other)) (\(list(targets)))"
      if action != .noAction { text += " ON DELETE \(action.rawValue)" }
      return text
    case .check(let name, let condition):
      return "CONSTRAINT \(w.identifier(name)) CHECK (\(w.expression(condition)))"
    }
  }

  /// The columns of a primary key or unique constraint.
  var uniqueKey: Set<String>? {
    switch self {
    case .primaryKey(let columns), .unique(let columns, _): return Set(columns)
    case .foreignKey, .check: return nil
    }
  }

  func validate(_ v: inout SQLValidator) {
    switch self {
    case .primaryKey(let columns), .unique(let columns, _):
      columns.forEach { v.identifier($0) }
    case .foreignKey(let columns, let other, let targets, _):
      (columns + targets).forEach { v.identifier($0) }
      v.name(other)
    case .check(let name, let condition):
      v.identifier(name)
      QueryRules.check(constant: condition, clause: "CHECK \(name)", allowColumns: true, in: &v)
    }
  }
}
