import SQLBuilder

/// `public.get_metrics_for_range(p_account_id, p_from_date, p_to_date, p_location_id)`: the
/// dashboard's read path (contract section 5), and its TypeScript (`lib/queries/metrics.ts`).
///
/// The public function is SECURITY INVOKER: it checks its arguments, lets `service_role` read
/// the view itself, and hands a signed-in user to `private.metrics_visible_to_caller`, the one
/// SECURITY DEFINER function, in a schema the API does not expose. That function decides from
/// `auth.uid()` which rows the caller sees: the locations it has a `user_location_access` row
/// for, in that account, and the account's rows without a location only when it has access to
/// every location of the account.
public enum ReadAPI {
  /// The columns the read path filters on; any version of the view's declaration has them.
  public protocol Rows: Relation {
    var accountID: Column<PG.UUID, NotNull> { get }
    var locationID: Column<PG.UUID, Nullable> { get }
    var date: Column<PG.Date, NotNull> { get }
  }

  /// The parameters; supabase-js passes them by name. The location comes last: PostgreSQL
  /// allows a default only to parameters that every later one has a default too.
  public struct Range: FunctionParameters {
    public let accountID = Parameter<PG.UUID>("p_account_id")
    public let fromDate = Parameter<PG.Date>("p_from_date")
    public let toDate = Parameter<PG.Date>("p_to_date")
    /// NULL, or left out: every location the caller may see.
    public let locationID = Parameter<PG.UUID>("p_location_id", default: .null)
    public init() {}
  }

  /// `public.get_metrics_for_range(uuid, date, date, uuid)`.
  public static let function = Function("public", "get_metrics_for_range", parameters: Range.self)
  /// What ``function`` returns, its comment in the database and in the TypeScript.
  static let summary =
    "The caller's daily metrics for an account and a date range (both ends included): signed-in users see their locations, service_role every row."
  /// `private.metrics_visible_to_caller(uuid, date, date, uuid)`.
  public static let visibleToCaller = Function(
    "private", "metrics_visible_to_caller", parameters: Range.self)
  /// The longest range, in days (both ends included): a year, leap day included.
  public static let maximumDays: Int32 = 366

  /// The rows of the view for the range, the account and, when given, the location, that
  /// `filter` lets through (all of them without it), by date and location when `ordered`.
  static func rows<V: Rows>(
    _ args: Arguments<Range>,
    where filter: ((Source<V>) -> SQLExpression<PG.Boolean, Nullable>)? = nil,
    ordered: Bool = false, plannedAlone: Bool = false
  ) -> Select<V> {
    Select(V.self) { q, out in
      let m = q.from(V.self, as: "m")
      q.where(
        m.accountID == args.accountID && m.date >= args.fromDate && m.date <= args.toDate
          && (args.locationID.isNull || m.locationID == args.locationID))
      if let filter { q.where(filter(m)) }
      if ordered { q.orderBy(m.date, m.locationID) }
      // OFFSET 0: PostgreSQL plans the query on its own instead of merging it into the one
      // that reads it, so a lateral reference reaches the view's index in every branch.
      if plannedAlone { q.offset(0) }
      out.columns(of: m)
    }
  }

  /// `a`: the caller's access rows for the account, `auth.uid()`'s and no one else's.
  static func callersAccess(_ q: SelectBuilder, _ args: Arguments<Range>) -> Source<
    UserLocationAccess
  > {
    let a = q.from(UserLocationAccess.self, as: "a")
    q.where(a.userID == authUID() && a.accountID == args.accountID)
    return a
  }

  /// Whether the caller has an access row for `location` in the account.
  static func callerSees(
    _ location: SQLExpression<PG.UUID, some Nullability>, _ args: Arguments<Range>
  ) -> SQLExpression<PG.Boolean, NotNull> {
    exists { q in
      let a = callersAccess(q, args)
      q.where(a.locationID == location.nullable)
    }
  }

  /// Whether the caller may see every location of the account, and has at least one.
  static func callerSeesTheWholeAccount(_ args: Arguments<Range>) -> SQLExpression<
    PG.Boolean, NotNull
  > {
    let any = exists { q in _ = callersAccess(q, args) }
    let missing = exists { q in
      let l = q.from(Locations.self, as: "l")
      q.where(l.accountID == args.accountID && !callerSees(l.locationID, args))
    }
    return any && !missing
  }

  /// Where the read path reads: `V`, or, while `condition` holds, `W`, the same rows through a
  /// cheaper plan. PL/pgSQL plans a query only when it runs, so the query over `V` is not
  /// planned at all while `condition` holds (the incremental strategy: its view's branch over
  /// the sources, costly to plan, once the totals are built).
  public struct ReadSource<V: Rows, W: Rows & ShapedRelation>: Sendable where W.Shape == V {
    let condition: SQLExpression<PG.Boolean, NotNull>?

    /// `V` alone.
    public init(_: V.Type) where W == ShapedLike<V> { condition = nil }

    /// `W` while `condition` holds, else `V`.
    public init(_: V.Type, or _: W.Type, when condition: SQLExpression<PG.Boolean, NotNull>) {
      self.condition = condition
    }

    /// `RETURN QUERY` of `query` over `W` while the condition holds, else over `V`.
    func returnQuery(_ query: (V.Type) -> Select<V>, _ other: (W.Type) -> Select<W>)
      -> [any PLStatement]
    {
      guard let condition else { return [ReturnQuery(query(V.self))] }
      return [
        If(condition) {
          ReturnQuery(other(W.self), asRowsOf: V.self)
          Return()
        },
        ReturnQuery(query(V.self)),
      ]
    }
  }

  /// The SECURITY DEFINER half: only the rows `auth.uid()` may see.
  public static func createVisibleToCaller<V: Rows>(_: V.Type) -> CreateFunction {
    createVisibleToCaller(ReadSource(V.self))
  }

  /// The SECURITY DEFINER half, reading `source`.
  static func createVisibleToCaller<V: Rows, W>(_ source: ReadSource<V, W>) -> CreateFunction {
    // PL/pgSQL, not SQL: a SECURITY DEFINER SQL function is never inlined and parses, analyzes
    // and plans its body on every call, three times the cost here. Plans are made for each
    // call's arguments: the generic plan, blind to which user and location, scans the account.
    CreateFunction(
      visibleToCaller, returns: .setOf(V.self), volatility: .stable, security: .definer,
      // No JIT: the incremental view's branch over the sources, never run once the totals are
      // built, is costed as a full aggregation, and compiling it took seconds per call.
      settings: [.emptySearchPath, .planForEachCall, FunctionSetting("jit", "off")]
    ) { args in
      // One location asked for: a query of its own, whose plan leaves out the account-wide
      // branch rather than planning it and finding it empty (half a read's time, BENCHMARKS.md).
      If(args.locationID.isNotNull) {
        source.returnQuery({ oneLocationRows(args, $0) }, { oneLocationRows(args, $0) })
        Return()
      }
      source.returnQuery({ visibleRows(args, $0) }, { visibleRows(args, $0) })
    }
  }

  /// The rows of `R` for the location asked for, if the caller has an access row for it: one
  /// range of the view's index.
  static func oneLocationRows<R: Rows>(_ args: Arguments<Range>, _: R.Type) -> Select<R> {
    rows(args, where: { _ in callerSees(args.locationID, args).nullable }, ordered: true)
  }

  /// The rows of `R` the caller may see. Two branches, not one OR: for each of the caller's
  /// locations, a lateral query reads that location's range from the view's index (through the
  /// incremental strategy's UNION ALL too, where a join would not), where an OR scans the whole
  /// account.
  static func visibleRows<R: Rows>(_ args: Arguments<Range>, _: R.Type) -> Select<R> {
    let located = Select(R.self) { q, out in
      let a = callersAccess(q, args)
      let ofLocation: Select<R> = rows(
        args, where: { m in (m.locationID == a.locationID).nullable }, plannedAlone: true)
      out.columns(of: q.joinLateral(as: "v") { ofLocation })
    }
    let accountWide: Select<R> = rows(args) { m in
      (args.locationID.isNull && m.locationID.isNull && callerSeesTheWholeAccount(args)).nullable
    }
    return located.unionAll(accountWide).orderBy(\R.date, \R.locationID)
  }

  static func invalid(_ message: String) -> Raise {
    Raise.exception(message, code: .invalidParameterValue)
  }

  /// The SECURITY INVOKER function the API exposes.
  public static func createFunction<V: Rows>(_: V.Type) -> CreateFunction {
    createFunction(ReadSource(V.self))
  }

  /// The SECURITY INVOKER function the API exposes, `service_role` reading `source`.
  static func createFunction<V: Rows, W>(_ source: ReadSource<V, W>) -> CreateFunction {
    CreateFunction(
      function, returns: .setOf(V.self), volatility: .stable, settings: [.emptySearchPath]
    ) { args in
      If(args.accountID.isNull) { invalid("p_account_id must not be NULL") }
      If(args.fromDate.isNull) { invalid("p_from_date must not be NULL") }
      If(args.toDate.isNull) { invalid("p_to_date must not be NULL") }
      If(args.fromDate > args.toDate) { invalid("p_from_date must not be after p_to_date") }
      If(
        args.toDate - args.fromDate
          >= SQLExpression<PG.Integer, NotNull>(integerLiteral: maximumDays)
      ) {
        invalid("p_to_date is more than \(maximumDays) days after p_from_date")
      }
      If(currentUser.cast(to: PG.Text.self) == "service_role") {
        source.returnQuery({ _ in rows(args, ordered: true) }, { _ in rows(args, ordered: true) })
        Return()
      }
      ReturnQuery(
        Select(V.self) { q, out in
          let m = q.from(visibleToCaller, rows: V.self, as: "m") { call in
            call.accountID(args.accountID)
            call.locationID(args.locationID)
            call.fromDate(args.fromDate)
            call.toDate(args.toDate)
          }
          out.columns(of: m)
        })
    }
  }

  /// Everything the read API needs, in order, for the view declared as `V`.
  public static func statements<V: Rows>(for _: V.Type) -> [any SQLStatement] {
    statements(reading: ReadSource(V.self))
  }

  /// Everything the read API needs, in order, reading `source`.
  static func statements<V: Rows, W>(reading source: ReadSource<V, W>) -> [any SQLStatement] {
    [Comment("Code that runs with its owner's rights lives where the API cannot reach it.")]
      + MetricsScripts.privateSchema + [
        createVisibleToCaller(source),
        Revoke(
          .all, on: .function(visibleToCaller), from: .public, .anon, .authenticated, .serviceRole),
        Grant(.execute, on: .function(visibleToCaller), to: .authenticated),
        createFunction(source),
        CommentOn.function(function, summary),
        Revoke(.all, on: .function(function), from: .public, .anon, .authenticated, .serviceRole),
        Grant(.execute, on: .function(function), to: .authenticated, .serviceRole),
      ]
  }

  /// `lib/queries/metrics.ts` for the view declared as `V`: its row type, the function's
  /// arguments, `getMetricsForRange` and the `Database` fragment `MetricsDatabase`.
  ///
  /// ```ts
  /// export type MetricsDailyRow = { account_id: string; location_id: string | null; … }
  /// export type GetMetricsForRangeArgs = {
  ///   p_account_id: string; p_from_date: string; p_to_date: string; p_location_id?: string | null
  /// }
  /// ```
  public static func typeScript<V: Rows>(for _: V.Type) -> TypeScriptFile {
    TypeScriptFile(
      header: MetricsScripts.header(
        "The dashboard's typed access to get_metrics_for_range; it imports nothing."),
      database: "MetricsDatabase",
      functions: [TypeScriptFunction(function, returnsSetOf: V.self, summary: summary)])
  }

  /// The TypeScript of the view these definitions declare.
  public static let typeScriptFile = typeScript(for: MetricsDaily.self)
}

extension MetricsDaily: ReadAPI.Rows {}

extension ReadAPI {
  /// `V`'s rows under `V`'s name: the read source of a strategy with one view to read.
  public struct ShapedLike<V: Rows>: ShapedRelation, Rows {
    public typealias Shape = V
    public static var qualifiedName: QualifiedName { V.qualifiedName }
    public init() {}
  }
}

extension ShapedRelation where Shape: ReadAPI.Rows {
  /// The shape's `account_id`, for a relation shaped like the view to be read as it.
  public var accountID: Column<PG.UUID, NotNull> { Shape().accountID }
  /// The shape's `location_id`.
  public var locationID: Column<PG.UUID, Nullable> { Shape().locationID }
  /// The shape's `date`.
  public var date: Column<PG.Date, NotNull> { Shape().date }
}
