// Blob-created events for the project containers (one per project, `p-{projectId}`), delivered to the storage
// queue the app listens on
// (contract: "Events"). Event Grid delivers with its own managed identity because the project
// account denies public traffic; trusted-service bypass + Storage Queue Data Message Sender on that
// one queue is all it gets. Events are raised for REST/SAS uploads only: Azure raises none for
// writes made over NFS, so job outputs written by the Batch pools do not re-trigger the pipeline.

param location string
param tags object
param name string
param storageAccountName string
@description('Every project container\'s name starts with this (StorageNames.ProjectContainerPrefix).')
param containerPrefix string
param queueName string

// Storage Queue Data Message Sender: add messages only, no read or delete.
var queueMessageSenderRoleId = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource queue 'queues' existing = {
      name: queueName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
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

resource topicCanSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::queueService::queue.id, topic.id, queueMessageSenderRoleId)
  scope: account::queueService::queue
  properties: {
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueMessageSenderRoleId)
  }
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'blob-created-to-queue'
  dependsOn: [topicCanSend]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: queueName
          // -1: messages never expire; the app, not the queue, decides when an event is stale.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      // Every project's container and no other: the subject is /blobServices/default/containers/p-{id}/blobs/{path}.
      subjectBeginsWith: '/blobServices/default/containers/${containerPrefix}'
      // Only completed blobs: a block upload raises PutBlockList once, not one event per block;
      // FlushWithClose is the same for Data Lake (hierarchical namespace) writes.
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: ['PutBlob', 'PutBlockList', 'CopyBlob', 'FlushWithClose']
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output subscriptionName string = blobCreated.name
