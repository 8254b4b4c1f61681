// The Function app on the Flex Consumption plan (scales to zero, pay per execution), .NET isolated
// worker, system-assigned identity, VNet-integrated so it reaches the project account's private
// endpoints. Every connection is identity-based: no connection string or key is stored anywhere.
//
// appSettings below are the settings the code reads; tests/Scipion.Infra.Tests checks them against
// the C# options classes, so add a setting here when the code gains one.

param location string
param tags object
param planName string
param appName string
param subnetId string

param hostStorageAccountName string
param hostBlobEndpoint string
param deploymentContainerName string

param projectBlobEndpoint string
param projectQueueEndpoint string
param projectTableEndpoint string

param entraTenantId string
param entraClientId string
param entraAudience string

param durableTaskHubName string

param batchAccountEndpoint string
param batchGpuPoolId string
param batchMpiPoolId string
param batchMountName string
param batchTaskSlotsPerNode int
// What a node of each pool offers (Batch__Pools__<pool>__*): the app refuses a job a node cannot run.
param gpuVmSize string
param gpuPoolMaxNodes int
param gpuNodeCores int
param gpuNodeGpus int
param gpuNodeMemoryMB int
param mpiVmSize string
param mpiPoolMaxNodes int
param mpiNodesPerTask int
param mpiNodeCores int
param mpiNodeMemoryMB int

param serviceBusNamespace string
param siteJobsQueueName string
param siteReportsQueueName string

param appInsightsConnectionString string

@allowed(['8.0', '9.0', '10.0'])
param dotnetVersion string
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the `functions` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage and Durable Task hub (host.json: storageProvider.connectionName).
        { name: 'AzureWebJobsStorage__accountName', value: hostStorageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        // Project data (Microsoft.Extensions.Azure client settings and the queue trigger's connection).
        { name: 'ProjectStorage__blobServiceUri', value: projectBlobEndpoint }
        { name: 'ProjectStorage__queueServiceUri', value: projectQueueEndpoint }
        { name: 'ProjectStorage__tableServiceUri', value: projectTableEndpoint }
        { name: 'ProjectStorage__credential', value: 'managedidentity' }
        // Microsoft.Identity.Web validates callers' tokens against this app registration.
        { name: 'AzureAd__Instance', value: environment().authentication.loginEndpoint }
        { name: 'AzureAd__TenantId', value: entraTenantId }
        { name: 'AzureAd__ClientId', value: entraClientId }
        { name: 'AzureAd__Audience', value: entraAudience }
        { name: 'DurableTask__HubName', value: durableTaskHubName }
        { name: 'Batch__AccountEndpoint', value: batchAccountEndpoint }
        { name: 'Batch__GpuPoolId', value: batchGpuPoolId }
        { name: 'Batch__MpiPoolId', value: batchMpiPoolId }
        { name: 'Batch__MountName', value: batchMountName }
        // Queues runs and step placements may name (azure-batch/gpu): each pool under its own name.
        { name: 'Batch__Queues__${batchGpuPoolId}', value: batchGpuPoolId }
        { name: 'Batch__Queues__${batchMpiPoolId}', value: batchMpiPoolId }
        { name: 'Batch__Pools__${batchGpuPoolId}__VmSize', value: gpuVmSize }
        { name: 'Batch__Pools__${batchGpuPoolId}__CoresPerNode', value: string(gpuNodeCores) }
        { name: 'Batch__Pools__${batchGpuPoolId}__GpusPerNode', value: string(gpuNodeGpus) }
        { name: 'Batch__Pools__${batchGpuPoolId}__MemoryMegabytesPerNode', value: string(gpuNodeMemoryMB) }
        { name: 'Batch__Pools__${batchGpuPoolId}__MaxNodes', value: string(gpuPoolMaxNodes) }
        { name: 'Batch__Pools__${batchGpuPoolId}__AutoScaleNodesPerTask', value: '1' }
        { name: 'Batch__Pools__${batchGpuPoolId}__TaskSlotsPerNode', value: string(batchTaskSlotsPerNode) }
        { name: 'Batch__Pools__${batchMpiPoolId}__VmSize', value: mpiVmSize }
        { name: 'Batch__Pools__${batchMpiPoolId}__CoresPerNode', value: string(mpiNodeCores) }
        { name: 'Batch__Pools__${batchMpiPoolId}__GpusPerNode', value: '0' }
        { name: 'Batch__Pools__${batchMpiPoolId}__MemoryMegabytesPerNode', value: string(mpiNodeMemoryMB) }
        { name: 'Batch__Pools__${batchMpiPoolId}__MaxNodes', value: string(mpiPoolMaxNodes) }
        { name: 'Batch__Pools__${batchMpiPoolId}__AutoScaleNodesPerTask', value: string(mpiNodesPerTask) }
        { name: 'Batch__Pools__${batchMpiPoolId}__TaskSlotsPerNode', value: string(batchTaskSlotsPerNode) }
        { name: 'ServiceBus__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'ServiceBus__SiteJobsQueue', value: siteJobsQueueName }
        { name: 'ServiceBus__SiteReportsQueue', value: siteReportsQueueName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        // Application Insights has local auth off; telemetry is sent with the managed identity.
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // The development token route exists only in Development (contract: Identity).
        { name: 'AZURE_FUNCTIONS_ENVIRONMENT', value: 'Production' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  // No FTP or SCM basic-auth publishing: deployments (azd) authenticate with Entra ID.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
