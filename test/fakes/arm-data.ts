// Shapes the fake ARM answers with, taken from test/fixtures/reference (Azure REST API spec examples,
// MIT) and the dimension lists Azure's own 400 messages print for EA and MCA scopes.
// Test-only data; no logic.

/** The 429 body Cost Management sends (reference/azure-cost-query/throttling-429.body.example.json). */
export const THROTTLED_BODY = { error: { code: "429", message: "Too many requests. Please retry." } };

/** Grouping dimensions an EA scope accepts (as listed in Azure's "Invalid dataset grouping" message). */
export const EA_DIMENSIONS = [
  "ResourceGroup",
  "ResourceGroupName",
  "ResourceLocation",
  "ConsumedService",
  "ResourceType",
  "ResourceId",
  "MeterId",
  "BillingMonth",
  "MeterCategory",
  "MeterSubcategory",
  "Meter",
  "AccountName",
  "DepartmentName",
  "SubscriptionId",
  "SubscriptionName",
  "ServiceName",
  "ServiceTier",
  "EnrollmentAccountName",
  "BillingAccountId",
  "ResourceGuid",
  "BillingPeriod",
  "InvoiceNumber",
  "ChargeType",
  "PublisherType",
  "ReservationId",
  "ReservationName",
  "Frequency",
  "PartNumber",
  "CostAllocationRuleName",
  "MarkupRuleName",
  "PricingModel",
  "BenefitId",
  "BenefitName",
];

/** Grouping dimensions an MCA scope accepts: no ConsumedService, but UnitOfMeasure and Product. */
export const MCA_DIMENSIONS = [
  "ResourceGroup",
  "ResourceGroupName",
  "ResourceType",
  "ResourceId",
  "ResourceLocation",
  "SubscriptionId",
  "SubscriptionName",
  "MeterCategory",
  "MeterSubcategory",
  "Meter",
  "ServiceFamily",
  "UnitOfMeasure",
  "PartNumber",
  "BillingAccountName",
  "BillingProfileId",
  "BillingProfileName",
  "InvoiceSection",
  "InvoiceSectionId",
  "InvoiceSectionName",
  "Product",
  "ResourceGuid",
  "ChargeType",
  "ServiceName",
  "ProductOrderId",
  "ProductOrderName",
  "PublisherType",
  "ReservationId",
  "ReservationName",
  "Frequency",
  "InvoiceId",
  "PricingModel",
  "CostAllocationRuleName",
  "MarkupRuleName",
  "BillingMonth",
  "Provider",
  "BenefitId",
  "BenefitName",
];

/** reference/budgets/Consumption-Budget.2024-08-01.json, response body, with the scope made variable. */
export function exampleBudget(scope: string, name = "TestBudget") {
  const s = scope.replace(/^\//, "");
  return {
    id: `${s}/providers/Microsoft.Consumption/budgets/${name}`,
    name,
    type: "Microsoft.Consumption/budgets",
    eTag: '"1d34d012214157f"',
    properties: {
      category: "Cost",
      amount: 100.65,
      timeGrain: "Monthly",
      timePeriod: { startDate: "2017-10-01T00:00:00Z", endDate: "2018-10-31T00:00:00Z" },
      filter: {
        and: [
          { dimensions: { name: "ResourceId", operator: "In", values: [`${s}/providers/Microsoft.Compute/virtualMachines/MSVM2`] } },
          { tags: { name: "category", operator: "In", values: ["Dev", "Prod"] } },
        ],
      },
      currentSpend: { amount: 80.89, unit: "USD" },
      notifications: {
        Actual_GreaterThan_80_Percent: {
          enabled: true,
          operator: "GreaterThan",
          threshold: 80,
          contactEmails: ["johndoe@contoso.com", "janesmith@contoso.com"],
          contactRoles: ["Contributor", "Reader"],
          contactGroups: [`${s}/providers/microsoft.insights/actionGroups/SampleActionGroup`],
          thresholdType: "Actual",
        },
      },
    },
  };
}
