// Azure Batch: a GPU pool (movie alignment, 3D classification) and an MPI pool (multi-node RELION
// refinement). Both autoscale on pending tasks and fall to zero nodes when idle, so an idle
// deployment costs nothing here. Nodes sit in the VNet and mount a scratch share (Azure Files NFS 4.1, premium) at
// $AZ_BATCH_NODE_MOUNTS_DIR/<mountName>: the cluster's shared working space, one folder per run, so MPI ranks on
// several nodes see the same files. Project files are not mounted: each task downloads its inputs with read SAS
// URLs and Batch uploads its outputs to the project's own container with a create + write SAS, as a compute site does.
// Only Entra ID authentication is accepted: the app uses its managed identity, never account keys.

param location string
param tags object
param name string
param subnetId string
@description('The scratch share\'s storage account (FileStorage, premium): reachable from the Batch subnet only.')
param scratchStorageAccountName string

@description('The NFS share the pools mount as scratch.')
param scratchShareName string

@minValue(100)
@description('Provisioned size of the scratch share in GiB (premium shares bill what is provisioned; throughput grows with it).')
param scratchShareQuotaGiB int

param gpuPoolId string
param gpuVmSize string
@minValue(1)
param gpuPoolMaxNodes int

param mpiPoolId string
param mpiVmSize string
@minValue(1)
param mpiPoolMaxNodes int
@minValue(2)
@description('Nodes one MPI (multi-instance) task asks for; the formula scales by pending tasks × this.')
param mpiNodesPerTask int

@minValue(1)
@description('Tasks a node runs at once; 1 lets a job own its node (GPUs, memory). The app reads the same value.')
param taskSlotsPerNode int

@description('The mount\'s relativeMountPath: nodes see the scratch share at $AZ_BATCH_NODE_MOUNTS_DIR/<this>.')
param mountName string

// The Ubuntu HPC image ships NVIDIA drivers, InfiniBand/MPI stacks and the NFS client.
var image = {
  publisher: 'microsoft-dsvm'
  offer: 'ubuntu-hpc'
  sku: '2204'
  version: 'latest'
}
var nodeAgentSkuId = 'batch.node.ubuntu 22.04'

// Azure Files NFS exports a share as <account>.file.<suffix>:/<account>/<share>; NFS 4.1 only.
var nfsSource = '${scratch.name}.file.${environment().suffixes.storage}:/${scratch.name}/${scratch::fileService::share.name}'
var nfsMountOptions = '-o vers=4,minorversion=1,sec=sys,nconnect=4'

resource scratch 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: scratchStorageAccountName
  location: location
  tags: tags
  kind: 'FileStorage'
  sku: {
    name: 'Premium_LRS'
  }
  properties: {
    // NFS traffic is plain TCP inside the VNet; Azure Files refuses NFS shares on accounts that require secure
    // transfer. Nothing but the Batch subnet reaches the account, and it holds no project data of record.
    supportsHttpsTrafficOnly: false
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      virtualNetworkRules: [
        {
          id: subnetId
          action: 'Allow'
        }
      ]
    }
  }

  resource fileService 'fileServices' = {
    name: 'default'

    resource share 'shares' = {
      name: scratchShareName
      properties: {
        enabledProtocols: 'NFS'
        rootSquash: 'NoRootSquash'
        shareQuota: scratchShareQuotaGiB
      }
    }
  }
}

// Pending (active + running) tasks over the last five minutes drive the node count; no pending work
// means zero nodes. While fewer than half of those samples exist (a new or long-idle pool) the latest
// sample decides, so the first task does not wait for five minutes of history. Nodes are released
// only after their running task completes. Same formula as BatchPoolDefinitions.AutoScaleFormula.
var autoscaleFormula = '''
recent = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 50 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(TimeInterval_Minute * 5));
$TargetDedicatedNodes = min({0}, recent * {1});
$TargetLowPriorityNodes = 0;
$NodeDeallocationOption = taskcompletion;
'''

resource account 'Microsoft.Batch/batchAccounts@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    poolAllocationMode: 'BatchService'
    publicNetworkAccess: 'Enabled'
    allowedAuthenticationModes: ['AAD']
  }
}

resource gpuPool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  parent: account
  name: gpuPoolId
  properties: {
    displayName: 'GPU (single node)'
    vmSize: gpuVmSize
    deploymentConfiguration: {
      virtualMachineConfiguration: {
        imageReference: image
        nodeAgentSkuId: nodeAgentSkuId
      }
    }
    networkConfiguration: {
      subnetId: subnetId
    }
    targetNodeCommunicationMode: 'Simplified'
    interNodeCommunication: 'Disabled'
    taskSlotsPerNode: taskSlotsPerNode
    mountConfiguration: [
      {
        nfsMountConfiguration: {
          source: nfsSource
          relativeMountPath: mountName
          mountOptions: nfsMountOptions
        }
      }
    ]
    scaleSettings: {
      autoScale: {
        formula: format(autoscaleFormula, gpuPoolMaxNodes, 1)
        evaluationInterval: 'PT5M'
      }
    }
  }
}

resource mpiPool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  parent: account
  name: mpiPoolId
  properties: {
    displayName: 'MPI (multi-node)'
    vmSize: mpiVmSize
    deploymentConfiguration: {
      virtualMachineConfiguration: {
        imageReference: image
        nodeAgentSkuId: nodeAgentSkuId
      }
    }
    networkConfiguration: {
      subnetId: subnetId
    }
    targetNodeCommunicationMode: 'Simplified'
    // Multi-instance (MPI) tasks need the nodes to reach each other directly.
    interNodeCommunication: 'Enabled'
    taskSlotsPerNode: taskSlotsPerNode
    mountConfiguration: [
      {
        nfsMountConfiguration: {
          source: nfsSource
          relativeMountPath: mountName
          mountOptions: nfsMountOptions
        }
      }
    ]
    scaleSettings: {
      autoScale: {
        formula: format(autoscaleFormula, mpiPoolMaxNodes, mpiNodesPerTask)
        evaluationInterval: 'PT5M'
      }
    }
  }
}

output name string = account.name
output scratchStorageAccountName string = scratch.name
output accountEndpoint string = 'https://${account.properties.accountEndpoint}'
output gpuPoolId string = gpuPool.name
output mpiPoolId string = mpiPool.name
