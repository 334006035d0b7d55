// Writes the sample exports in this folder: one week of AI model spend (3–7 Nov 2025) in three
// Azure export layouts. Column layouts come from the reference exports (see README.md here);
// run `node examples/make-examples.mjs` to rewrite them.
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const SUB = "00000000-0000-0000-0000-000000000001";
const AI = `/subscriptions/${SUB}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-east`;
const MISTRAL = `/subscriptions/${SUB}/resourceGroups/rg-ai/providers/Microsoft.SaaS/resources/mistral-large-2411-6f1c2a9e-1b2c-4d5e-8f90-0a1b2c3d4e5f`;
const LOGS = `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-ops`;

// Meters as Azure names them; price in millionths of a dollar per unit (1K tokens, 1 GB).
const openai = (meter, product, micro) => ({ meter, category: "Cognitive Services", sub: "Azure OpenAI", product, service: "Microsoft.CognitiveServices", resource: AI, unit: "1K", micro, marketplace: false });
const meters = [
  [openai("gpt 4o 0513 Input global Tokens", "Azure OpenAI - gpt 4o 0513 Input global Tokens", 2500), 900],
  [openai("gpt 4o 0513 Output global Tokens", "Azure OpenAI - gpt 4o 0513 Output global Tokens", 10000), 210],
  [openai("gpt-4o-mini-0718-Inp-glbl Tokens", "Azure OpenAI - gpt-4o-mini-0718-Inp-glbl Tokens", 150), 4000],
  [openai("gpt-4o-mini-0718-Outp-glbl Tokens", "Azure OpenAI - gpt-4o-mini-0718-Outp-glbl Tokens", 600), 1100],
  [{ ...openai("R1 Inp glbl Tokens", "DeepSeek R1", 1350), sub: "Azure AI Foundry Models" }, 300],
  [{ ...openai("R1 Outp glbl Tokens", "DeepSeek R1", 5400), sub: "Azure AI Foundry Models" }, 120],
  [{ meter: "paygo-inference-input-tokens", category: "SaaS", sub: "Mistral Large 2411", product: "Mistral Large 2411 - paygo-inference-input-tokens", service: "SaaS", resource: MISTRAL, unit: "1K", micro: 2000, marketplace: true }, 250],
  [{ meter: "paygo-inference-output-tokens", category: "SaaS", sub: "Mistral Large 2411", product: "Mistral Large 2411 - paygo-inference-output-tokens", service: "SaaS", resource: MISTRAL, unit: "1K", micro: 6000, marketplace: true }, 60],
  [{ meter: "Analytics Logs Data Ingestion", category: "Log Analytics", sub: "", product: "Log Analytics - Analytics Logs Data Ingestion", service: "Microsoft.OperationalInsights", resource: LOGS, unit: "1 GB", micro: 2300000, marketplace: false }, 2],
];

/** One row per meter per day; quantities grow 10% a day so the week has a trend. */
const usage = [];
for (let day = 3; day <= 7; day++) {
  for (const [m, base] of meters) {
    const quantity = Math.round(base * (1 + (day - 3) / 10));
    const micro = quantity * m.micro;
    usage.push({ ...m, day, quantity, cost: `${Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, "0")}` });
  }
}
const usDate = (d) => `11/${String(d).padStart(2, "0")}/2025`;
const csv = (header, rows) => [header.join(","), ...rows.map((r) => header.map((h) => r[h] ?? "").join(","))].join("\n") + "\n";
const resourceName = (id) => id.split("/").pop();

// EA actual cost: the header of the reference EA_ActualCost_Small.csv.
const EA = "BillingAccountId,BillingAccountName,BillingPeriodStartDate,BillingPeriodEndDate,BillingProfileId,BillingProfileName,AccountOwnerId,AccountName,SubscriptionId,SubscriptionName,Date,Product,PartNumber,MeterId,ServiceFamily,MeterCategory,MeterSubCategory,MeterRegion,MeterName,Quantity,EffectivePrice,Cost,UnitPrice,BillingCurrency,ResourceLocation,AvailabilityZone,ConsumedService,ResourceId,ResourceName,ServiceInfo1,ServiceInfo2,AdditionalInfo,Tags,InvoiceSectionId,InvoiceSection,CostCenter,UnitOfMeasure,ResourceGroup,ReservationId,ReservationName,ProductOrderId,ProductOrderName,OfferId,IsAzureCreditEligible,Term,PublisherName,PlanName,ChargeType,Frequency,PublisherType,PayGPrice,PricingModel,CostAllocationRuleName,benefitId,benefitName".split(",");
writeFileSync(new URL("ea-actual-2025-11.csv", import.meta.url), csv(EA, usage.map((u) => ({
  BillingAccountId: "8611537", BillingAccountName: "Contoso", SubscriptionId: SUB, Date: usDate(u.day), Product: u.product,
  MeterCategory: u.category, MeterSubCategory: u.sub, MeterName: u.meter, Quantity: u.quantity, Cost: u.cost, BillingCurrency: "USD",
  ConsumedService: u.service, ResourceId: u.resource, ResourceName: resourceName(u.resource), UnitOfMeasure: u.unit,
  ResourceGroup: u.resource.split("/")[4], PublisherName: u.marketplace ? "Mistral AI" : "Microsoft", ChargeType: "Usage",
  Frequency: "UsageBased", PublisherType: u.marketplace ? "Marketplace" : "Azure",
}))));

// MCA actual cost: the columns of the reference actualcost_c360-2025-04 export schema, gzipped.
const MCA = "invoiceId,previousInvoiceId,billingAccountId,billingAccountName,billingProfileId,billingProfileName,invoiceSectionId,invoiceSectionName,resellerName,resellerMpnId,costCenter,billingPeriodEndDate,billingPeriodStartDate,servicePeriodEndDate,servicePeriodStartDate,date,serviceFamily,productOrderId,productOrderName,consumedService,meterId,meterName,meterCategory,meterSubCategory,meterRegion,ProductId,ProductName,SubscriptionId,subscriptionName,publisherType,publisherId,publisherName,resourceGroupName,ResourceId,resourceLocation,location,effectivePrice,quantity,unitOfMeasure,chargeType,billingCurrency,pricingCurrency,costInBillingCurrency,costInPricingCurrency,costInUsd,paygCostInBillingCurrency,paygCostInUsd,exchangeRatePricingToBilling,exchangeRateDate,isAzureCreditEligible,serviceInfo1,serviceInfo2,additionalInfo,tags,PayGPrice,frequency,term,reservationId,reservationName,pricingModel,unitPrice,costAllocationRuleName,benefitId,benefitName,provider".split(",");
writeFileSync(new URL("mca-actual-2025-11.csv.gz", import.meta.url), gzipSync(csv(MCA, usage.map((u) => ({
  date: usDate(u.day), consumedService: u.service, meterName: u.meter, meterCategory: u.category, meterSubCategory: u.sub,
  ProductName: u.product, SubscriptionId: SUB, publisherType: u.marketplace ? "Marketplace" : "Microsoft",
  publisherName: u.marketplace ? "Mistral AI" : "Microsoft", resourceGroupName: u.resource.split("/")[4], ResourceId: u.resource,
  quantity: u.quantity, unitOfMeasure: u.unit, chargeType: "Usage", billingCurrency: "USD", costInBillingCurrency: u.cost, costInUsd: u.cost,
})))));

// FOCUS 1.2: the columns of the reference focuscost_1.2 export schema.
const FOCUS = "BilledCost,BillingAccountId,BillingAccountName,BillingAccountType,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,CapacityReservationId,CapacityReservationStatus,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountQuantity,CommitmentDiscountStatus,CommitmentDiscountType,CommitmentDiscountUnit,ConsumedQuantity,ConsumedUnit,ContractedCost,ContractedUnitPrice,EffectiveCost,InvoiceId,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,PricingCurrency,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,ResourceName,ResourceType,ServiceCategory,ServiceName,ServiceSubcategory,SkuId,SkuMeter,SkuPriceDetails,SkuPriceId,SubAccountId,SubAccountName,SubAccountType,Tags,x_AccountId,x_AccountName,x_AccountOwnerId,x_AmortizationClass,x_BilledCostInUsd,x_BilledUnitPrice,x_BillingAccountId,x_BillingAccountName,x_BillingExchangeRate,x_BillingExchangeRateDate,x_BillingProfileId,x_BillingProfileName,x_ContractedCostInUsd,x_CostAllocationRuleName,x_CostCenter,x_CustomerId,x_CustomerName,x_EffectiveCostInUsd,x_EffectiveUnitPrice,x_InvoiceIssuerId,x_InvoiceSectionId,x_InvoiceSectionName,x_ListCostInUsd,x_PartnerCreditApplied,x_PartnerCreditRate,x_PricingBlockSize,x_PricingSubcategory,x_PricingUnitDescription,x_PublisherCategory,x_PublisherId,x_ResellerId,x_ResellerName,x_ResourceGroupName,x_ResourceType,x_ServiceModel,x_ServicePeriodEnd,x_ServicePeriodStart,x_SkuDescription,x_SkuIsCreditEligible,x_SkuMeterCategory,x_SkuMeterId,x_SkuMeterSubcategory,x_SkuOfferId,x_SkuOrderId,x_SkuOrderName,x_SkuPartNumber,x_SkuPlanName,x_SkuRegion,x_SkuServiceFamily,x_SkuTerm,x_SkuTier".split(",");
const iso = (d, end) => `2025-11-${String(d).padStart(2, "0")}T${end ? "23:59:59" : "00:00:00"}Z`;
writeFileSync(new URL("focus-1.2-2025-11.csv", import.meta.url), csv(FOCUS, usage.map((u) => ({
  BilledCost: u.cost, EffectiveCost: u.cost, BillingCurrency: "USD", ChargeCategory: "Usage", ChargePeriodStart: iso(u.day), ChargePeriodEnd: iso(u.day, true),
  ConsumedQuantity: u.unit === "1K" ? `${u.quantity * 1000}` : `${u.quantity}`, ConsumedUnit: u.unit === "1K" ? "Tokens" : "GB",
  PricingQuantity: u.quantity, ProviderName: "Microsoft", PublisherName: u.marketplace ? "Mistral AI" : "Microsoft",
  ResourceId: u.resource, ResourceName: resourceName(u.resource), ServiceName: u.marketplace ? "SaaS" : u.category === "Log Analytics" ? "Log Analytics" : "Azure OpenAI",
  SkuMeter: u.meter, x_PricingUnitDescription: u.unit, x_PublisherCategory: u.marketplace ? "Vendor" : "Cloud Provider",
  x_ResourceGroupName: u.resource.split("/")[4], x_SkuDescription: u.product, x_SkuMeterCategory: u.category, x_SkuMeterSubcategory: u.sub,
}))));
