// Service Bus namespace and the documents queue (optional; main.bicep deploys it when deployServiceBus is true).
// Local (SAS) authentication is off: the app connects with its identity as Azure Service Bus Data Receiver.

@description('Azure region.')
param location string

@description('Namespace name: 6-50 letters, digits and hyphens, unique in Azure.')
@minLength(6)
@maxLength(50)
param name string

@description('The queue documents arrive on.')
param queueName string

@description('Standard or Premium; Basic has no dead-letter forwarding or duplicate detection, which operators often add later.')
@allowed([
  'Standard'
  'Premium'
])
param sku string = 'Standard'

@description('Deliveries of a message before it moves to the dead-letter queue.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10

@description('How long a received message stays locked to one receiver (ISO 8601, at most 5 minutes); the receiver renews it while a document is accepted.')
param lockDuration string = 'PT1M'

@description('How long an unreceived message lives before it is dead-lettered (ISO 8601).')
param messageTimeToLive string = 'P14D'

@description('Principal id of the app identity, given Azure Service Bus Data Receiver on the queue.')
param appPrincipalId string

@description('Optional principal (a user or group object id) who sends documents: Azure Service Bus Data Sender on the queue. Empty for none.')
param operatorPrincipalId string = ''

@description('Tags for every resource.')
param tags object = {}

var dataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, appPrincipalId, dataReceiver)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(queue.id, operatorPrincipalId, dataSender)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: operatorPrincipalId
  }
}

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output queueName string = queue.name
