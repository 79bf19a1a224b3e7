// DocPipeline on Azure: the Durable Functions app (DocPipeline.Functions) and everything it reads.
//
//   az deployment group create -g <group> -f infra/bicep/main.bicep -p namePrefix=docpipe
//
// Secure by default: every connection is identity-based (one user-assigned identity, least-privilege data roles),
// storage and Service Bus accept no keys, secrets live in Key Vault and app settings only reference them, and
// everything is HTTPS with TLS 1.2 or later. The names under "Names the app reads" must match DocPipeline.Functions;
// tests/DocPipeline.Tests/Infra checks that they do.

targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Prefix of every resource name: 2-10 lower-case letters or digits. A hash of the resource group and prefix is appended to keep names unique.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'docpipe'

@description('FlexConsumption (default: scales to zero, pay per execution, identity-based deployment) or ElasticPremium (always-ready instances, no cold start; billed while idle).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param plan string = 'FlexConsumption'

@description('Elastic Premium size (plan ElasticPremium only).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP1'

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Durable Functions task hub name: 3-45 letters and digits, starting with a letter. Standalone hosts that share this storage account must use the same name.')
@minLength(3)
@maxLength(45)
param hubName string = 'DocPipeline'

@description('The model tried first.')
param primaryModel string = 'gemini-2.5-pro'

@description('The model tried when the primary is rate-limited or blocked; empty for none (then the offline analyzer).')
param fallbackModel string = 'gemini-2.5-flash'

@description('Which Gemini service to call: Auto picks the Developer API when only an API key is set and Vertex AI otherwise; with both a key and a project, say which.')
@allowed([
  'Auto'
  'Vertex'
  'DeveloperApi'
])
param geminiBackend string = 'Auto'

@description('Gemini Developer API key, stored in Key Vault as gemini-api-key. Empty to leave the vault as it is.')
@secure()
param geminiApiKey string = ''

@description('True when gemini-api-key is already in the vault (an earlier deployment or az keyvault secret set), so the app references it without the value being passed again.')
param geminiApiKeyInVault bool = false

@description('Google Cloud project for Vertex AI; empty to use the Developer API key (or, with neither, the offline analyzer).')
param vertexProjectId string = ''

@description('Vertex AI location; global sees the fewest rate limits.')
param vertexLocation string = 'global'

@description('Vertex AI service-account key (JSON), stored in Key Vault as vertex-credentials. Empty to leave the vault as it is.')
@secure()
param vertexCredentialsJson string = ''

@description('True when vertex-credentials is already in the vault, so the app references it without the value being passed again.')
param vertexCredentialsInVault bool = false

@description('Deploy a Service Bus namespace and queue as another way in for documents.')
param deployServiceBus bool = false

@description('Service Bus queue documents arrive on.')
param serviceBusQueueName string = 'documents'

@description('Deliveries of a Service Bus message before it is dead-lettered.')
@minValue(1)
@maxValue(2000)
param serviceBusMaxDeliveryCount int = 10

@description('Service Bus message lock duration (ISO 8601, at most PT5M).')
param serviceBusLockDuration string = 'PT1M'

@description('Where BlobCreated events for incoming/ go: queue (the ingest queue; works on the first deployment) or blobTrigger (the blob trigger webhook; only once the app code is published, see the README).')
@allowed([
  'queue'
  'blobTrigger'
])
param eventGridDelivery string = 'queue'

@description('Object id of a user or group who uploads documents, reads results and manages the secrets; empty for none.')
param operatorPrincipalId string = ''

@description('Key Vault purge protection. Once on it cannot be turned off, and a deleted vault keeps its name for 90 days.')
param enablePurgeProtection bool = true

@description('Allow FTP and SCM basic-authentication publishing. Off: deployments authenticate with Microsoft Entra ID.')
param allowBasicPublishingCredentials bool = false

@description('Tags for every resource.')
param tags object = {}

// Names the app reads: containers, queues, connection settings and the blob trigger function. They must match
// DocPipeline.Functions (the drift test in tests/DocPipeline.Tests/Infra reads both sides).
var incomingContainer = 'incoming'
var failedContainer = 'incoming-failed'
var resultsContainer = 'results'
var artifactsContainer = '${toLower(hubName)}-artifacts'
var modelResponsesContainer = '${toLower(hubName)}-modelresponses'
var ingestQueue = 'ingest'
var ingestPoisonQueue = 'ingest-poison'
var blobTriggerFunctionName = 'IncomingBlob'

// Containers only the platform uses.
var deploymentContainer = 'app-package'
var deadLetterContainer = 'eventgrid-deadletter'

var containers = [
  incomingContainer
  failedContainer
  resultsContainer
  artifactsContainer
  modelResponsesContainer
  deploymentContainer
  deadLetterContainer
]
var queues = [
  ingestQueue
  ingestPoisonQueue
]

var suffix = uniqueString(resourceGroup().id, namePrefix)
var prefix = toLower(namePrefix)
var identityName = '${prefix}-id-${suffix}'
var workspaceName = '${prefix}-log-${suffix}'
var appInsightsName = '${prefix}-appi-${suffix}'
var storageName = take('${replace(prefix, '-', '')}st${suffix}', 24)
var keyVaultName = take('${prefix}-kv-${suffix}', 24)
var serviceBusName = '${prefix}-sb-${suffix}'
var planName = '${prefix}-plan-${suffix}'
var functionAppName = '${prefix}-func-${suffix}'
var systemTopicName = '${prefix}-egst-${suffix}'

var geminiApiKeySecret = 'gemini-api-key'
var vertexCredentialsSecret = 'vertex-credentials'
var useGeminiApiKey = !empty(geminiApiKey) || geminiApiKeyInVault
var useVertexCredentials = !empty(vertexCredentialsJson) || vertexCredentialsInVault

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: identityName
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: workspaceName
    appInsightsName: appInsightsName
    identityPrincipalId: identity.outputs.principalId
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: storageName
    containers: containers
    queues: queues
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: keyVaultName
    secretValues: {
      '${geminiApiKeySecret}': geminiApiKey
      '${vertexCredentialsSecret}': vertexCredentialsJson
    }
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    enablePurgeProtection: enablePurgeProtection
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = if (deployServiceBus) {
  name: 'servicebus'
  params: {
    location: location
    name: serviceBusName
    queueName: serviceBusQueueName
    maxDeliveryCount: serviceBusMaxDeliveryCount
    lockDuration: serviceBusLockDuration
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    tags: tags
  }
}

// App settings, grouped by what reads them. Connection settings follow the Functions identity-based convention
// (<connection>__accountName, __credential, __clientId); settings under Pipeline__ bind to the pipeline options.
var storageSettings = {
  // The identity DefaultAzureCredential picks when code creates clients without a client id of its own.
  AZURE_CLIENT_ID: identity.outputs.clientId
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
}
var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
}
var durableSettings = {
  // The Functions host reads the hub from host.json unless this overrides it; the worker reads host.json's
  // extensions:durableTask:hubName from its own configuration, which the second setting overrides. Both must agree.
  AzureFunctionsJobHost__extensions__durableTask__hubName: hubName
  extensions__durableTask__hubName: hubName
}
var pipelineSettings = {
  Pipeline__PrimaryModel: primaryModel
  Pipeline__FallbackModel: fallbackModel
  Pipeline__Gemini__Backend: geminiBackend
  Pipeline__Gemini__ProjectId: vertexProjectId
  Pipeline__Gemini__Location: vertexLocation
}
var apiKeySettings = useGeminiApiKey ? {
  Pipeline__Gemini__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${geminiApiKeySecret})'
} : {}
var vertexSettings = useVertexCredentials ? {
  Pipeline__Gemini__CredentialsJson: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${vertexCredentialsSecret})'
} : {}
var serviceBusSettings = deployServiceBus ? {
  ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identity.outputs.clientId
  Pipeline__ServiceBusQueue: serviceBusQueueName
} : {}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    keyVault
  ]
  params: {
    location: location
    name: functionAppName
    planName: planName
    plan: plan
    premiumSku: premiumSku
    maximumInstanceCount: maximumInstanceCount
    identityId: identity.outputs.id
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    appSettings: union(storageSettings, telemetrySettings, durableSettings, pipelineSettings, apiKeySettings, vertexSettings, serviceBusSettings)
    allowBasicPublishingCredentials: allowBasicPublishingCredentials
    tags: tags
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    location: location
    storageAccountName: storage.outputs.name
    topicName: systemTopicName
    incomingContainer: incomingContainer
    delivery: eventGridDelivery
    ingestQueue: ingestQueue
    deadLetterContainer: deadLetterContainer
    functionAppName: functionApp.outputs.name
    blobTriggerFunctionName: blobTriggerFunctionName
    tags: tags
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = functionApp.outputs.url
output storageAccountName string = storage.outputs.name
output incomingContainer string = incomingContainer
output resultsContainer string = resultsContainer
output failedContainer string = failedContainer
output ingestQueue string = ingestQueue
output keyVaultName string = keyVault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
output identityClientId string = identity.outputs.clientId
output serviceBusNamespace string = deployServiceBus ? serviceBus.outputs.name : ''
output serviceBusQueue string = deployServiceBus ? serviceBus.outputs.queueName : ''
output premiumPackageUrl string = functionApp.outputs.packageUrl
