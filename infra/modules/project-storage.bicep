// The project data account: one blob container per project, `p-{projectId}`, made by the app when a project is
// created and deleted with it (so no container is declared here), queue `blob-created`
// (Event Grid delivers BlobCreated here), the tables `projects`, `memberships` and `runs`, and the compute-site
// queues `site-jobs`, `site-cancels`, `site-reports` with the table `sitejobs`.
//
// The account is closed to the internet: traffic comes through the private endpoints below, from trusted Azure
// services (Event Grid delivery), or from the listed client IP ranges (labs that upload with the SAS URLs the API
// hands out). Shared keys are off; the app signs with user-delegation keys. Batch nodes do not mount it: they stage
// project files in and out with SAS URLs, as a compute site does.
//
// The container prefix, queue and table names are literals on purpose: they must equal the constants in
// src/Scipion.Core/StorageNames.cs, and tests/Scipion.Infra.Tests reads them from the compiled
// template to prove it. Other modules take them from this module's outputs.

param location string
param tags object
param name string
param privateEndpointsSubnetId string
param blobDnsZoneId string
param queueDnsZoneId string
param tableDnsZoneId string
param eventGridTopicName string

@description('Public IPv4 ranges (CIDR) allowed to reach the account directly, e.g. the labs that upload movies.')
param allowedClientIpRanges array

@description('Browser origins allowed to PUT/GET blobs with a SAS URL (the web page).')
param corsAllowedOrigins array

// Each project's container is `p-{projectId}` (StorageNames.ProjectContainerPrefix).
var projectContainerPrefix = 'p-'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    // Zone-redundant: project data outlives a zone outage.
    name: 'Standard_ZRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [for range in allowedClientIpRanges: {
        action: 'Allow'
        value: range
      }]
      virtualNetworkRules: []
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      cors: {
        corsRules: empty(corsAllowedOrigins) ? [] : [
          {
            allowedOrigins: corsAllowedOrigins
            allowedMethods: ['GET', 'HEAD', 'PUT', 'OPTIONS']
            allowedHeaders: ['*']
            exposedHeaders: ['*']
            maxAgeInSeconds: 3600
          }
        ]
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource blobCreatedQueue 'queues' = {
      name: 'blob-created'
    }

    // Compute sites on storage queues (src/Scipion.Compute.Site): jobs and cancels to the site agent, reports back.
    resource siteJobsQueue 'queues' = {
      name: 'site-jobs'
    }

    resource siteCancelsQueue 'queues' = {
      name: 'site-cancels'
    }

    resource siteReportsQueue 'queues' = {
      name: 'site-reports'
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource projectsTable 'tables' = {
      name: 'projects'
    }

    resource membershipsTable 'tables' = {
      name: 'memberships'
    }

    resource runsTable 'tables' = {
      name: 'runs'
    }

    resource siteJobsTable 'tables' = {
      name: 'sitejobs'
    }
  }
}

var endpoints = [
  { groupId: 'blob', zoneId: blobDnsZoneId }
  { groupId: 'queue', zoneId: queueDnsZoneId }
  { groupId: 'table', zoneId: tableDnsZoneId }
]

module privateEndpoints 'private-endpoint.bicep' = [for endpoint in endpoints: {
  name: 'pe-${name}-${endpoint.groupId}'
  params: {
    location: location
    tags: tags
    name: 'pe-${name}-${endpoint.groupId}'
    subnetId: privateEndpointsSubnetId
    targetId: account.id
    groupId: endpoint.groupId
    privateDnsZoneId: endpoint.zoneId
  }
}]

module blobEvents 'blob-events.bicep' = {
  name: 'blob-events'
  params: {
    location: location
    tags: tags
    name: eventGridTopicName
    storageAccountName: account.name
    containerPrefix: projectContainerPrefix
    queueName: account::queueService::blobCreatedQueue.name
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output projectContainerPrefix string = projectContainerPrefix
