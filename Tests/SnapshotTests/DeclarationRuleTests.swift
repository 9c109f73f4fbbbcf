import MetricsSchema
import SQLBuilder
import Testing

/// A base table's declaration that leaves the incremental strategy blind stops generation,
/// naming the table and what to declare.
@Suite struct DeclarationRuleTests {
  /// Orders that keep their own account, declared without `account`.
  struct Purchases: FactTable {
    typealias Fact = OrdersV
    static let qualifiedName = QualifiedName("public", "purchases")
    static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.purchaseID]] }
    static var location: FactColumn<Self> { FactColumn(\.storeID) }
    let purchaseID = Column<PG.UUID, NotNull>("purchase_id")
    let orgID = Column<PG.UUID, NotNull>("org_id")
    let storeID = Column<PG.UUID, Nullable>("store_id")
    let amount = Column<PG.DoublePrecision, NotNull>("amount")
    let placedAt = Column<PG.TimestampTZ, NotNull>("placed_at")

    static func fact(
      _ p: Source<Self>, location _: OptionalSource<Locations>, _ out: Projection<OrdersV>
    ) {
      out.id(p.purchaseID)
      out.accountID(p.orgID)
      out.locationID(p.storeID)
      out.totalAmount(p.amount)
      out.createdAt(p.placedAt)
    }

    static func row(_ order: Source<WrittenOrders>, _ out: Projection<Self>) {
      out.purchaseID(order.id)
      out.orgID(order.accountID)
      out.storeID(order.locationID)
      out.amount(coalesce(order.totalAmount, .constant(0)))
      out.placedAt(order.createdAt)
    }
  }

  /// Calls that keep their tenant on the row, declared without `account`.
  struct TenantCalls: FactTable {
    typealias Fact = CallsV
    static let qualifiedName = QualifiedName("public", "tenant_calls")
    static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.callID]] }
    static var location: FactColumn<Self> { FactColumn(\.locationID) }
    let callID = Column<PG.Text, NotNull>("call_id")
    let tenantID = Column<PG.UUID, Nullable>("tenant_id")
    let locationID = Column<PG.UUID, Nullable>("location_id")
    let status = Column<PG.Text, NotNull>("status")
    let callType = Column<PG.Text, NotNull>("call_type")
    let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")

    static func fact(
      _ c: Source<Self>, location _: OptionalSource<Locations>, _ out: Projection<CallsV>
    ) {
      out.id(c.callID)
      out.accountID(c.tenantID)
      out.locationID(c.locationID)
      out.status(c.status)
      out.callType(c.callType)
      out.startedAt(c.startedAt)
    }

    static func row(_ call: Source<WrittenCalls>, _ out: Projection<Self>) {
      out.callID(call.id)
      out.tenantID(
        scalar { q in
          let l = q.from(Locations.self, as: "l")
          q.where(l.locationID == call.locationID)
          return l.accountID
        })
      out.locationID(call.locationID)
      out.status(call.status)
      out.callType(call.callType)
      out.startedAt(call.startedAt)
    }
  }

  enum Blind: SourceSchema {
    typealias Calls = MetricsSchema.Calls
    typealias Orders = Purchases
    typealias Reservations = MetricsSchema.Reservations
  }

  @Test func anAccountTheViewReadsFromTheRowMustBeDeclared() throws {
    #expect(throws: SQLGenerationError.self) {
      try generate(MetricsScripts.all(.incremental, sources: Blind.self))
    }
    do {
      _ = try generate(MetricsScripts.all(.incremental, sources: Blind.self))
    } catch {
      #expect(
        error.description.contains(
          "base table public.purchases: public.orders_v.account_id reads org_id of the row: declare `static var account"
        ), "\(error.description)")
      #expect(
        error.description.contains("or the orders of an account whose zone changes"),
        "\(error.description)")
    }
    // The refresh strategy reads only the views: nothing to declare.
    _ = try generate(MetricsScripts.all(.refresh, sources: Blind.self))
  }

  enum BlindCalls: SourceSchema {
    typealias Calls = TenantCalls
    typealias Orders = MetricsSchema.Orders
    typealias Reservations = MetricsSchema.Reservations
  }

  /// The finding says which facts would keep their old dates: here calls, not orders.
  @Test func theFindingNamesTheFactsOfTheTable() throws {
    do {
      _ = try generate(MetricsScripts.all(.incremental, sources: BlindCalls.self))
      Issue.record("generated without the calls' account declared")
    } catch {
      #expect(
        error.description.contains(
          "base table public.tenant_calls: public.calls_v.account_id reads tenant_id of the row: declare `static var account"
        ), "\(error.description)")
      #expect(
        error.description.contains("or the calls of an account whose zone changes"),
        "\(error.description)")
    }
  }

  /// Calls whose `fact` leaves the call type unset and whose `row` sets the key twice.
  struct UntypedCalls: FactTable {
    typealias Fact = CallsV
    static let qualifiedName = QualifiedName("public", "untyped_calls")
    static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.callID]] }
    static var location: FactColumn<Self> { FactColumn(\.locationID) }
    let callID = Column<PG.Text, NotNull>("call_id")
    let locationID = Column<PG.UUID, Nullable>("location_id")
    let outcome = Column<PG.Text, NotNull>("outcome")
    let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")

    static func fact(
      _ c: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<CallsV>
    ) {
      out.id(c.callID)
      out.accountID(l.accountID)
      out.locationID(c.locationID)
      out.status(c.outcome)
      out.startedAt(c.startedAt)
    }

    static func row(_ call: Source<WrittenCalls>, _ out: Projection<Self>) {
      out.callID(call.id)
      out.callID(call.id)
      out.locationID(call.locationID)
      out.outcome(call.status)
      out.startedAt(call.startedAt)
    }
  }

  enum Untyped: SourceSchema {
    typealias Calls = UntypedCalls
    typealias Orders = MetricsSchema.Orders
    typealias Reservations = MetricsSchema.Reservations
  }

  /// A mistake in a declaration is named once, by its table and declaration, where the
  /// strategies' objects that inline it would each name it again.
  @Test func aDeclarationsMistakeIsNamedOnceByItsTableAndDeclaration() {
    #expect(
      SourceDeclarations.diagnostics(Untyped.self).map(\.description) == [
        #"base table public.untyped_calls, UntypedCalls.fact: output column "call_type" is not set"#,
        #"base table public.untyped_calls, UntypedCalls.row: output column "call_id" is set more than once"#,
      ])
    #expect(SourceDeclarations.diagnostics(SourceTables.self).isEmpty)
    #expect(throws: SQLGenerationError.self) { try SourceDeclarations.check(Untyped.self) }
  }
}
