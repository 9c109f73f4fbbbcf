/// `ALTER TABLE name ENABLE ROW LEVEL SECURITY;`: without a policy, only the owner (and roles
/// that bypass RLS, such as Supabase's `service_role`) sees any row. `forced` adds
/// `ALTER TABLE name FORCE ROW LEVEL SECURITY;`, so the policies bind the owner too.
public struct EnableRowLevelSecurity<Table: Relation>: SQLStatement {
  let forced: Bool

  /// Enables row level security on `Table`; `forced` applies it to the table's owner too.
  public init(_ table: Table.Type, forced: Bool = false) { self.forced = forced }

  public func render(into writer: inout SQLWriter) {
    let name = writer.name(Table.qualifiedName)
    writer.line("ALTER TABLE \(name) ENABLE ROW LEVEL SECURITY;")
    if forced { writer.line("ALTER TABLE \(name) FORCE ROW LEVEL SECURITY;") }
  }
}

extension EnableRowLevelSecurity: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.name(Table.qualifiedName) }
}

/// `ALTER TABLE name DISABLE ROW LEVEL SECURITY; ALTER TABLE name NO FORCE ROW LEVEL
/// SECURITY;`: every role with a privilege on the table sees every row again.
public struct DisableRowLevelSecurity<Table: Relation>: SQLStatement {
  /// Disables row level security on `Table`, forced or not.
  public init(_ table: Table.Type) {}

  public func render(into writer: inout SQLWriter) {
    let name = writer.name(Table.qualifiedName)
    writer.line("ALTER TABLE \(name) DISABLE ROW LEVEL SECURITY;")
    writer.line("ALTER TABLE \(name) NO FORCE ROW LEVEL SECURITY;")
  }
}

extension DisableRowLevelSecurity: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.name(Table.qualifiedName) }
}

/// `CREATE POLICY name ON table FOR command TO roles USING (…) WITH CHECK (…);`
///
/// ```swift
/// CreatePolicy("own rows", on: Notes.self, for: .select, to: .authenticated) { n in
///   n.ownerID == authUID()
/// }
/// ```
/// `using` decides which existing rows a command sees; `withCheck` which new rows it may write.
public struct CreatePolicy<Table: Relation>: SQLStatement {
  let name: String
  let command: PolicyCommand
  let roles: [Role]
  let using: SQLNode?
  let withCheck: SQLNode?

  /// A permissive policy whose `using` condition picks the rows a command sees.
  public init(
    _ name: String, on _: Table.Type, for command: PolicyCommand = .all, to roles: Role...,
    using: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
  ) {
    self.init(name, command, roles, using(Source(alias: nil)).node, nil)
  }

  /// A permissive policy whose `withCheck` condition every written row must meet. A trailing
  /// closure means `using:`; this one is always labelled.
  @_disfavoredOverload
  public init(
    _ name: String, on _: Table.Type, for command: PolicyCommand = .all, to roles: Role...,
    withCheck: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
  ) {
    self.init(name, command, roles, nil, withCheck(Source(alias: nil)).node)
  }

  /// A permissive policy with both conditions.
  public init(
    _ name: String, on _: Table.Type, for command: PolicyCommand = .all, to roles: Role...,
    using: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>,
    withCheck: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
  ) {
    let table = Source<Table>(alias: nil)
    self.init(name, command, roles, using(table).node, withCheck(table).node)
  }

  private init(
    _ name: String, _ command: PolicyCommand, _ roles: [Role], _ using: SQLNode?,
    _ withCheck: SQLNode?
  ) {
    self.name = name
    self.command = command
    self.roles = roles
    self.using = using
    self.withCheck = withCheck
  }

  public func render(into w: inout SQLWriter) {
    w.line("CREATE POLICY \(w.identifier(name)) ON \(w.name(Table.qualifiedName))")
    w.indented { p in
      p.line("FOR \(command.rawValue)")
      if !roles.isEmpty {
        p.line("TO " + roles.map { $0.rendered(&p) }.joined(separator: ", "))
      }
      for (keyword, node) in [("USING", using), ("WITH CHECK", withCheck)] {
        guard let node else { continue }
        p.line("\(keyword) (\(p.expression(node)))")
      }
    }
    w.append(";")
  }
}

extension CreatePolicy: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("policy \(name)") { v in
      v.identifier(name)
      v.name(Table.qualifiedName)
      roles.forEach { $0.validate(&v) }
      PolicyRules.check(command: command, using: using != nil, withCheck: withCheck != nil)
        .forEach { v.report($0) }
      for (keyword, node) in [("USING", using), ("WITH CHECK", withCheck)] {
        guard let node else { continue }
        QueryRules.check(expression: node, clause: keyword, tableColumns: Table.self, in: &v)
      }
    }
  }
}

/// The commands a policy applies to.
public enum PolicyCommand: String, Sendable {
  case all = "ALL"
  case select = "SELECT"
  case insert = "INSERT"
  case update = "UPDATE"
  case delete = "DELETE"
}
