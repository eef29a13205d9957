console.log('cli todo')
