// Every role the Function app's managed identity holds, in one place, each scoped as narrowly as
// the code allows. Nothing else in the deployment is granted data access except Event Grid's
// delivery identity (blob-events.bicep, send-only on one queue).

@description('Object id of the Function app\'s system-assigned identity.')
param principalId string
@description('The Function app\'s name: seeds the assignment names, which must be known before deployment.')
param appName string
param hostStorageAccountName string
param projectStorageAccountName string
param batchAccountName string
param serviceBusNamespaceName string
param siteJobsQueueName string
param siteReportsQueueName string
param appInsightsName string

// Built-in role definition ids (stable across tenants).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  batchJobSubmitter: '48e5e92e-a480-4e71-aa9c-2778f4c13781'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Host account: the Functions host needs Blob Data Owner for identity-based AzureWebJobsStorage
// (it creates its containers and takes blob leases); Durable Task keeps its hub in queues and tables.
var hostRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// Project account: read/write project blobs, sign user-delegation SAS URLs (Delegator grants only
// the delegation key; what a SAS allows is still bounded by the signer's own data role), consume
// blob-created events, keep projects and memberships in tables.
var projectRoles = [
  roles.storageBlobDataContributor
  roles.storageBlobDelegator
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// The app submits jobs to the queue; it also receives on it only to drain or cancel a site's jobs.
var siteJobsRoles = [
  roles.serviceBusDataSender
  roles.serviceBusDataReceiver
]

resource hostAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: hostStorageAccountName
}

resource projectAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: projectStorageAccountName
}

resource batchAccount 'Microsoft.Batch/batchAccounts@2024-07-01' existing = {
  name: batchAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource siteJobs 'queues' existing = {
    name: siteJobsQueueName
  }

  resource siteReports 'queues' existing = {
    name: siteReportsQueueName
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource hostAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in hostRoles: {
  name: guid(hostAccount.id, appName, role)
  scope: hostAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource projectAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in projectRoles: {
  name: guid(projectAccount.id, appName, role)
  scope: projectAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// Azure Batch Job Submitter: create and manage jobs and tasks, read pools; no pool or account writes.
resource batchAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(batchAccount.id, appName, roles.batchJobSubmitter)
  scope: batchAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.batchJobSubmitter)
  }
}

resource siteJobsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in siteJobsRoles: {
  name: guid(serviceBus::siteJobs.id, appName, role)
  scope: serviceBus::siteJobs
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// The app reads what site agents report; it never sends there.
resource siteReportsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::siteReports.id, appName, roles.serviceBusDataReceiver)
  scope: serviceBus::siteReports
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appName, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}
