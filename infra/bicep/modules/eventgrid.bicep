// Event Grid system topic on the storage account, and the subscription that turns a blob written under incoming/
// into a pipeline run.
//
// delivery = 'queue' (the default) sends each BlobCreated event to the ingest storage queue, which the Functions app's
// queue trigger and the standalone host's queue listener both read. It needs nothing from the app, so one deployment
// creates it before any code is published: the queue holds events until the app starts, and failures end in
// ingest-poison with the reason.
//
// delivery = 'blobTrigger' calls the blobs extension webhook of the [BlobTrigger(Source = EventGrid)] function. That
// URL carries the blobs_extension system key, which exists only once the app's code is deployed and its host has
// started, and Event Grid validates the endpoint when the subscription is created: so it works only on a second
// deployment, after publishing.
//
// Events that cannot be delivered are dead-lettered to a blob container, written with the topic's own identity.

@description('Storage account the topic watches and the queue and containers live in.')
param storageAccountName string

@description('Azure region (of the storage account).')
param location string

@description('System topic name.')
param topicName string

@description('Container whose new blobs start pipeline runs.')
param incomingContainer string

@description('queue: events go to the ingest queue. blobTrigger: events go to the blob trigger webhook (only after the app code is published).')
@allowed([
  'queue'
  'blobTrigger'
])
param delivery string = 'queue'

@description('Queue events are delivered to when delivery is queue.')
param ingestQueue string

@description('Container undeliverable events are dead-lettered to.')
param deadLetterContainer string

@description('Function app name (delivery blobTrigger).')
param functionAppName string

@description('Name of the [BlobTrigger(Source = EventGrid)] function (delivery blobTrigger).')
param blobTriggerFunctionName string

@description('Tags for every resource.')
param tags object = {}

var queueMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var toQueue = delivery == 'queue'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource queue 'queues' existing = {
      name: ingestQueue
    }
  }

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource container 'containers' existing = {
      name: deadLetterContainer
    }
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource queueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::queueService::queue.id, topic.id, queueMessageSender)
  scope: account::queueService::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueMessageSender)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::blobService::container.id, topic.id, blobDataContributor)
  scope: account::blobService::container
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// One subscription whichever the delivery, so switching delivery replaces the route instead of adding a second one.
// ARM evaluates only the taken branch of a condition, so the system key is read only when delivery is blobTrigger.
resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'incoming-blob-created'
  dependsOn: [
    queueSender
    deadLetterWriter
  ]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${incomingContainer}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deliveryWithResourceIdentity: toQueue ? {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: ingestQueue
          // Never expire: an event waits in the queue however long the app is stopped.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    } : null
    destination: toQueue ? null : {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${blobTriggerFunctionName}&code=${listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: account.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}

output topicName string = topic.name
output subscriptionName string = blobCreated.name
