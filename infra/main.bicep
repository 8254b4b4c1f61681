// Scipion.Functions in one resource group: `azd up` (azure.yaml) deploys this, then the code.
// See docs/deployment.md for prerequisites, the Entra ID app registration and costs.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; prefixes the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer Flex Consumption, Blob NFS and the Batch VM sizes below.')
param location string

@description('Entra ID tenant of the API app registration; empty means the tenant being deployed to.')
param entraTenantId string = ''

@minLength(36)
@maxLength(36)
@description('Application (client) id of the API app registration that callers request tokens for.')
param entraClientId string

@description('Audience the API accepts in tokens; empty means api://<entraClientId>.')
param entraAudience string = ''

@description('Durable Task hub name (letters and digits, 3 to 45 characters).')
param durableTaskHubName string = 'scipion'

@allowed(['8.0', '9.0', '10.0'])
param dotnetVersion string = '10.0'

@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

// What one node of each pool offers. The app checks every job against these before submitting it
// (a job asking for more than a node has would wait in Batch forever), so change them with the VM size.
@description('VM size of the single-node GPU pool (movie alignment, classification).')
param gpuVmSize string = 'Standard_NC4as_T4_v3'
@minValue(1)
param gpuPoolMaxNodes int = 4
@minValue(1)
@description('vCPUs of one gpuVmSize node (Standard_NC4as_T4_v3: 4).')
param gpuNodeCores int = 4
@minValue(1)
@description('GPUs of one gpuVmSize node (Standard_NC4as_T4_v3: 1 NVIDIA T4).')
param gpuNodeGpus int = 1
@minValue(1)
@description('Memory of one gpuVmSize node in MiB (Standard_NC4as_T4_v3: 28 GiB).')
param gpuNodeMemoryMB int = 28672

@description('VM size of the MPI pool (multi-node refinement); HB-series have InfiniBand.')
param mpiVmSize string = 'Standard_HB120rs_v3'
@minValue(1)
param mpiPoolMaxNodes int = 4
@minValue(2)
param mpiNodesPerTask int = 2
@minValue(1)
@description('Cores of one mpiVmSize node (Standard_HB120rs_v3: 120).')
param mpiNodeCores int = 120
@minValue(1)
@description('Memory of one mpiVmSize node in MiB (Standard_HB120rs_v3: 448 GiB).')
param mpiNodeMemoryMB int = 458752

@minValue(100)
@description('Provisioned size in GiB of the Batch pools\' scratch share (Azure Files NFS, premium).')
param batchScratchQuotaGiB int = 1024

// Lists arrive as comma-separated strings because azd substitutes environment variables into
// main.parameters.json as text.
@description('Comma-separated public IPv4 ranges (CIDR) allowed to reach project storage directly, e.g. labs that upload with SAS URLs.')
param allowedClientIpRanges string = ''

@description('Comma-separated browser origins allowed to use SAS URLs against project storage (the web page).')
param corsAllowedOrigins string = ''

@description('Address space of the virtual network (a /16 is carved into subnets).')
param vnetAddressPrefix string = '10.40.0.0/16'

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var tenantId = empty(entraTenantId) ? tenant().tenantId : entraTenantId
var audience = empty(entraAudience) ? 'api://${entraClientId}' : entraAudience
var appName = 'func-${token}'
var deploymentContainerName = 'app-package-${take(token, 8)}'
var gpuPoolId = 'gpu'
var mpiPoolId = 'mpi'
var batchTaskSlotsPerNode = 1
var batchMountName = 'scratch'
var batchScratchShareName = 'scratch'
var siteJobsQueueName = 'site-jobs'
var siteReportsQueueName = 'site-reports'
// Names are computed here, not read back from module outputs, so that role assignments and
// What-If know every resource id before deployment.
var names = {
  logAnalytics: 'log-${token}'
  appInsights: 'appi-${token}'
  vnet: 'vnet-${token}'
  hostStorage: 'sthost${token}'
  projectStorage: 'stdata${token}'
  batch: 'ba${token}'
  batchScratch: 'stscratch${take(token, 15)}'
  serviceBus: 'sb-${token}'
  plan: 'plan-${token}'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
  }
}

module network 'modules/network.bicep' = {
  scope: rg
  name: 'network'
  params: {
    location: location
    tags: tags
    name: names.vnet
    addressPrefix: vnetAddressPrefix
  }
}

module hostStorage 'modules/host-storage.bicep' = {
  scope: rg
  name: 'host-storage'
  params: {
    location: location
    tags: tags
    name: names.hostStorage
    deploymentContainerName: deploymentContainerName
  }
}

module projectStorage 'modules/project-storage.bicep' = {
  scope: rg
  name: 'project-storage'
  params: {
    location: location
    tags: tags
    name: names.projectStorage
    privateEndpointsSubnetId: network.outputs.privateEndpointsSubnetId
    blobDnsZoneId: network.outputs.blobDnsZoneId
    queueDnsZoneId: network.outputs.queueDnsZoneId
    tableDnsZoneId: network.outputs.tableDnsZoneId
    eventGridTopicName: 'evgt-${token}'
    allowedClientIpRanges: filter(map(split(allowedClientIpRanges, ','), range => trim(range)), range => !empty(range))
    corsAllowedOrigins: filter(map(split(corsAllowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))
  }
}

module batch 'modules/batch.bicep' = {
  scope: rg
  name: 'batch'
  params: {
    location: location
    tags: tags
    name: names.batch
    subnetId: network.outputs.batchSubnetId
    scratchStorageAccountName: names.batchScratch
    scratchShareName: batchScratchShareName
    scratchShareQuotaGiB: batchScratchQuotaGiB
    gpuPoolId: gpuPoolId
    gpuVmSize: gpuVmSize
    gpuPoolMaxNodes: gpuPoolMaxNodes
    mpiPoolId: mpiPoolId
    mpiVmSize: mpiVmSize
    mpiPoolMaxNodes: mpiPoolMaxNodes
    mpiNodesPerTask: mpiNodesPerTask
    taskSlotsPerNode: batchTaskSlotsPerNode
    mountName: batchMountName
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  scope: rg
  name: 'service-bus'
  params: {
    location: location
    tags: tags
    name: names.serviceBus
    siteJobsQueueName: siteJobsQueueName
    siteReportsQueueName: siteReportsQueueName
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  name: 'function-app'
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: appName
    subnetId: network.outputs.functionsSubnetId
    hostStorageAccountName: hostStorage.outputs.name
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    projectBlobEndpoint: projectStorage.outputs.blobEndpoint
    projectQueueEndpoint: projectStorage.outputs.queueEndpoint
    projectTableEndpoint: projectStorage.outputs.tableEndpoint
    entraTenantId: tenantId
    entraClientId: entraClientId
    entraAudience: audience
    durableTaskHubName: durableTaskHubName
    batchAccountEndpoint: batch.outputs.accountEndpoint
    // The pool ids and sizes come from here, not from the batch module's outputs, so that the app
    // settings named after the pools are known before deployment (and checked by the infra tests).
    batchGpuPoolId: gpuPoolId
    batchMpiPoolId: mpiPoolId
    batchMountName: batchMountName
    batchTaskSlotsPerNode: batchTaskSlotsPerNode
    gpuVmSize: gpuVmSize
    gpuPoolMaxNodes: gpuPoolMaxNodes
    gpuNodeCores: gpuNodeCores
    gpuNodeGpus: gpuNodeGpus
    gpuNodeMemoryMB: gpuNodeMemoryMB
    mpiVmSize: mpiVmSize
    mpiPoolMaxNodes: mpiPoolMaxNodes
    mpiNodesPerTask: mpiNodesPerTask
    mpiNodeCores: mpiNodeCores
    mpiNodeMemoryMB: mpiNodeMemoryMB
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    siteJobsQueueName: siteJobsQueueName
    siteReportsQueueName: siteReportsQueueName
    appInsightsConnectionString: monitoring.outputs.connectionString
    dotnetVersion: dotnetVersion
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
  }
}

module appAccess 'modules/app-access.bicep' = {
  scope: rg
  name: 'app-access'
  params: {
    principalId: functionApp.outputs.principalId
    appName: appName
    hostStorageAccountName: names.hostStorage
    projectStorageAccountName: names.projectStorage
    batchAccountName: names.batch
    serviceBusNamespaceName: names.serviceBus
    siteJobsQueueName: siteJobsQueueName
    siteReportsQueueName: siteReportsQueueName
    appInsightsName: names.appInsights
  }
}

// azd stores these in the environment (.azure/<env>/.env); docs/deployment.md uses them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}'
output PROJECT_STORAGE_ACCOUNT string = projectStorage.outputs.name
output BATCH_ACCOUNT_ENDPOINT string = batch.outputs.accountEndpoint
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SITE_JOBS_QUEUE string = serviceBus.outputs.siteJobsQueueName
output SITE_REPORTS_QUEUE string = serviceBus.outputs.siteReportsQueueName
output ENTRA_AUDIENCE string = audience
